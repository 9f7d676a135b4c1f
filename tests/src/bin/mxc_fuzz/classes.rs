//! The known classes of disagreement between mxcc and MXC, each with a matcher and the reason.
//!
//! A disagreement belongs to the first class whose matcher fits it. A matcher names the side that
//! accepts and up to four patterns, each a list of alternatives separated by `|`, all of which
//! must fit: `op` a substring of one of the mutation descriptions, `text` a substring of the
//! mutant, `mxc` a substring of MXC's rejection, `mxcc` an error code or a substring of mxcc's
//! first error. A disagreement that no
//! class fits fails the run, so a new one is never silent; a class that the compiler's fixes
//! empty shows a count of 0 and can then be deleted.

/// Which side accepts the config in a disagreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Accepts {
    /// MXC accepts, mxcc rejects: mxcc is stricter.
    Mxc,
    /// mxcc accepts, MXC rejects: mxcc is more lenient.
    Mxcc,
}

impl Accepts {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Accepts::Mxc => "mxcc stricter",
            Accepts::Mxcc => "mxcc lenient",
        }
    }
}

pub(crate) struct Class {
    pub(crate) name: &'static str,
    pub(crate) accepts: Accepts,
    pub(crate) op: &'static str,
    pub(crate) text: &'static str,
    pub(crate) mxc: &'static str,
    pub(crate) mxcc: &'static str,
    pub(crate) reason: &'static str,
}

/// What one disagreement is matched on.
pub(crate) struct Facts<'a> {
    pub(crate) accepts: Accepts,
    pub(crate) ops: &'a [String],
    pub(crate) text: &'a str,
    pub(crate) mxc: &'a str,
    pub(crate) mxcc_codes: &'a [String],
    pub(crate) mxcc_message: &'a str,
}

impl Class {
    pub(crate) fn matches(&self, facts: &Facts<'_>) -> bool {
        self.accepts == facts.accepts
            && fits(self.op, |alt| facts.ops.iter().any(|op| op.contains(alt)))
            && fits(self.text, |alt| facts.text.contains(alt))
            && fits(self.mxc, |alt| facts.mxc.contains(alt))
            && fits(self.mxcc, |alt| {
                facts.mxcc_codes.iter().any(|c| c == alt) || facts.mxcc_message.contains(alt)
            })
    }
}

fn fits(pattern: &str, found: impl Fn(&str) -> bool) -> bool {
    pattern.is_empty() || pattern.split('|').any(found)
}

/// The index of the class a disagreement belongs to.
pub(crate) fn classify(facts: &Facts<'_>) -> Option<usize> {
    CLASSES.iter().position(|class| class.matches(facts))
}

pub(crate) const CLASSES: &[Class] = &[
    Class {
        name: "lxc-distribution-release",
        accepts: Accepts::Mxc,
        op: "",
        text: "",
        mxc: "",
        mxcc: "MX2403",
        reason: "mxcc requires `lxc.distribution` and `lxc.release` (MX2403); MXC checks them when it creates the container, after the point where a dry run stops",
    },
    Class {
        name: "lxc-ingress-allow",
        accepts: Accepts::Mxc,
        op: "",
        text: "",
        mxc: "",
        mxcc: "MX2409",
        reason: "mxcc refuses `network.ingress.default` `allow` on LXC (MX2409); MXC refuses it in its network set-up, after the point where a dry run stops",
    },
    Class {
        name: "lxc-allow-local-network",
        accepts: Accepts::Mxc,
        op: "",
        text: "",
        mxc: "",
        mxcc: "MX2418",
        reason: "mxcc refuses `allowLocalNetwork` `true` on LXC below 0.8 in capabilities mode (MX2418); MXC's parser accepts it",
    },
    Class {
        name: "sequence-form",
        accepts: Accepts::Mxc,
        op: "",
        text: "",
        mxc: "",
        mxcc: "not an array",
        reason: "serde reads a struct from an array of its fields in order (`\"process\": [\"true\", null]`); mxcc's schema wants an object",
    },
    Class {
        name: "null-on-0.8-key-below-0.8",
        accepts: Accepts::Mxc,
        op: "",
        text: "",
        mxc: "",
        mxcc: "MX2101",
        reason: "an explicit `null` on a 0.8-only key (`runtimeConfig: null`) below 0.8: mxcc reads it as present, MXC as absent",
    },
    Class {
        name: "ipv4-mapped-except",
        accepts: Accepts::Mxc,
        op: "",
        text: "::ffff:",
        mxc: "",
        mxcc: "MX2105",
        reason: "an `except` given as an IPv4-mapped IPv6 block inside an IPv4 or `::/0` peer: mxcc reads the mapped block as outside the peer, MXC compares within one family",
    },
    Class {
        name: "duplicate-key-in-ignored-value",
        accepts: Accepts::Mxc,
        op: "duplicate-key",
        text: "",
        mxc: "",
        mxcc: "MX1006",
        reason: "a duplicate key inside a value MXC does not read into a struct (`_comment`, unknown experimental keys): serde keeps the last, mxcc refuses it",
    },
    Class {
        name: "bwrap-ipv6-peer-covers-mapped-range",
        accepts: Accepts::Mxcc,
        op: "",
        text: "\"cidr\":\"::/",
        mxc: "validation failed",
        mxcc: "",
        reason: "bubblewrap's backend refuses an IPv6 peer shorter than /96 that covers the IPv4-mapped range (`::/0`, `::/1`); mxcc accepts it",
    },
    Class {
        name: "bwrap-proxy-ipv6-endpoint",
        accepts: Accepts::Mxcc,
        op: "",
        text: "\"url\":\"http://[|\"networkProxy\":\"http://[",
        mxc: "validation failed",
        mxcc: "",
        reason: "bubblewrap's backend refuses a proxy at an IPv6 address (`http://[::1]:3128`); mxcc accepts it",
    },
    Class {
        name: "bwrap-proxy-port-zero",
        accepts: Accepts::Mxcc,
        op: "",
        text: ":0\"",
        mxc: "validation failed",
        mxcc: "",
        reason: "bubblewrap's backend refuses a proxy URL with port 0; mxcc accepts it",
    },
];
