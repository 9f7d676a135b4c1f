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
        reason: "mxcc refuses `allowLocalNetwork` `true` on LXC with `enforcementMode` `firewall` (MX2418), at any version; MXC's dry run accepts it",
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
        name: "null-0.8-key-with-empty-version",
        accepts: Accepts::Mxc,
        op: "",
        text: "",
        mxc: "",
        mxcc: "MX2101",
        reason: "`\"version\": \"\"` beside an explicit `null` on a 0.8-only key (`runtimeConfig: null`): MXC accepts it (with `0.7.0-alpha`, or with a value, it refuses), mxcc's 0.8 gate refuses it (MX2101)",
    },
    Class {
        name: "ipv4-mapped-except",
        accepts: Accepts::Mxc,
        op: "",
        text: "::ffff:",
        mxc: "",
        mxcc: "MX2105",
        reason: "an IPv4-mapped `except` inside an IPv6 peer (`::/0` except `::ffff:0:0/96`): MXC compares the blocks as written (contained), mxcc reads the mapped block as IPv4 and so outside the peer (MX2105)",
    },
    Class {
        name: "duplicate-unknown-key-in-experimental-member",
        accepts: Accepts::Mxc,
        op: "duplicate-key",
        text: "",
        mxc: "",
        mxcc: "MX1006",
        reason: "a duplicate unknown key inside a known experimental member (`experimental.test.level` twice): serde skips unknown keys, mxcc refuses the duplicate (MX1006); a duplicate known field (`message`) both refuse",
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
        name: "bwrap-firewall-host-not-an-address",
        accepts: Accepts::Mxcc,
        op: "",
        text: "\"enforcementMode\":\"firewall\"",
        mxc: "validation failed",
        mxcc: "",
        reason: "bubblewrap's backend (0.8, `enforcementMode` `firewall`) refuses a host entry that is not an address or block (`1.2.3`, `01.2.3.4`, `1.2.3.4.5`, `10.0.0.0/33`, `a b`, `*`, `10.0.0.1:443`, `[2001:db8::1]`, `fe80::1%eth0`, `\"\"`) or an IPv6 block covering the IPv4-mapped range (`::/0`, `::ffff:0.0.0.0/95`); mxcc accepts it",
    },
    Class {
        name: "bwrap-proxy-ipv6-endpoint",
        accepts: Accepts::Mxcc,
        op: "",
        text: "\"url\":\"http://[|\"networkProxy\":\"http://[",
        mxc: "validation failed",
        mxcc: "",
        reason: "bubblewrap's backend refuses a `network.proxy.url` at an IPv6 address (`http://[::1]:3128`, `http://[::ffff:127.0.0.1]:3128`) from 0.8 on; mxcc accepts it (it refuses the same in `runtimeConfig.networkProxy`, MX2215)",
    },
    Class {
        name: "bwrap-proxy-port-zero",
        accepts: Accepts::Mxcc,
        op: "",
        text: ":0\"",
        mxc: "validation failed",
        mxcc: "",
        reason: "bubblewrap's backend refuses a `network.proxy.url` with port 0 from 0.8 on; mxcc accepts it (it refuses the same in `runtimeConfig.networkProxy`, MX2215)",
    },
    Class {
        name: "bwrap-proxy-hostname-hosts-denied",
        accepts: Accepts::Mxcc,
        op: "",
        text: "\"/etc\"|\"/etc/hosts\"",
        mxc: "validation failed",
        mxcc: "",
        reason: "bubblewrap's backend refuses a `network.proxy.url` naming a host by name (`http://proxy.internal:3128`) when `/etc/hosts` is denied (`deniedPaths` `/etc` or `/etc/hosts`, not re-allowed): the name could not be resolved inside; mxcc accepts it (it refuses the runtime proxy in that case, MX2208)",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_named_once_and_match_on_something() {
        let mut names: Vec<&str> = CLASSES.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CLASSES.len(), "a class name appears twice");
        for class in CLASSES {
            let patterns = [class.op, class.text, class.mxc, class.mxcc];
            assert!(
                patterns.iter().any(|p| !p.is_empty()),
                "`{}` would match every disagreement of its side",
                class.name
            );
            assert!(!class.reason.is_empty(), "`{}` has no reason", class.name);
        }
    }

    #[test]
    fn every_pattern_must_fit() {
        let ops = ["proxy /network/proxy/url \"http://[::1]:3128\"".to_owned()];
        let codes: [String; 0] = [];
        let facts = Facts {
            accepts: Accepts::Mxcc,
            ops: &ops,
            text: r#"{"network":{"proxy":{"url":"http://[::1]:3128"}}}"#,
            mxc: "Dry run completed. Result: validation failed",
            mxcc_codes: &codes,
            mxcc_message: "",
        };
        let found = classify(&facts)
            .and_then(|i| CLASSES.get(i))
            .map(|c| c.name);
        assert_eq!(found, Some("bwrap-proxy-ipv6-endpoint"));
        let stricter = Facts {
            accepts: Accepts::Mxc,
            ..facts
        };
        assert_eq!(classify(&stricter), None);
    }
}
