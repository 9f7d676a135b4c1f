//! Offline SID derivation for AppContainer profiles and capabilities.
//!
//! `DeriveAppContainerSidFromAppContainerName`: SHA-256 of the lower-cased UTF-16LE name; the
//! first 28 bytes are seven little-endian 32-bit sub-authorities under `S-1-15-2-`.
//! `DeriveCapabilitySidsFromName`: SHA-256 of the upper-cased UTF-16LE name; all 32 bytes are
//! eight sub-authorities under `S-1-15-3-1024-`. The well-known capabilities of the "Capability
//! SID constants" table have short SIDs (`internetClient` is `S-1-15-3-1`).

/// The well-known capabilities with their short SIDs (learn.microsoft.com, "Capability SID
/// constants" / `WELL_KNOWN_SID_TYPE` `WinCapability*Sid`).
pub const KNOWN_CAPABILITIES: [(&str, u32); 12] = [
    ("internetClient", 1),
    ("internetClientServer", 2),
    ("privateNetworkClientServer", 3),
    ("picturesLibrary", 4),
    ("videosLibrary", 5),
    ("musicLibrary", 6),
    ("documentsLibrary", 7),
    ("enterpriseAuthentication", 8),
    ("sharedUserCertificates", 9),
    ("removableStorage", 10),
    ("appointments", 11),
    ("contacts", 12),
];

/// The package SID of an AppContainer profile name.
pub fn appcontainer_sid(name: &str) -> String {
    let digest = sha256(&utf16le(&name.to_lowercase()));
    let subs: Vec<String> = digest.chunks_exact(4).take(7).map(le_u32).collect();
    format!("S-1-15-2-{}", subs.join("-"))
}

/// The capability SID of a capability name: the short well-known SID when there is one.
pub fn capability_sid(name: &str) -> String {
    if let Some((_, rid)) = KNOWN_CAPABILITIES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    {
        return format!("S-1-15-3-{rid}");
    }
    derived_capability_sid(name)
}

/// The hash form of a capability SID, as `DeriveCapabilitySidsFromName` computes it.
pub fn derived_capability_sid(name: &str) -> String {
    let digest = sha256(&utf16le(&name.to_uppercase()));
    let subs: Vec<String> = digest.chunks_exact(4).map(le_u32).collect();
    format!("S-1-15-3-1024-{}", subs.join("-"))
}

fn le_u32(chunk: &[u8]) -> String {
    let mut b = [0u8; 4];
    b.iter_mut().zip(chunk).for_each(|(d, s)| *d = *s);
    u32::from_le_bytes(b).to_string()
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 (FIPS 180-4), small and dependency-free.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (wi, word) in w.iter_mut().zip(block.chunks_exact(4)) {
            let mut b = [0u8; 4];
            b.iter_mut().zip(word).for_each(|(d, s)| *d = *s);
            *wi = u32::from_be_bytes(b);
        }
        for i in 16..64 {
            let at = |j: usize| w.get(j).copied().unwrap_or(0);
            let (w15, w2) = (at(i - 15), at(i - 2));
            let s0 = w15.rotate_right(7) ^ w15.rotate_right(18) ^ (w15 >> 3);
            let s1 = w2.rotate_right(17) ^ w2.rotate_right(19) ^ (w2 >> 10);
            let v = at(i - 16)
                .wrapping_add(s0)
                .wrapping_add(at(i - 7))
                .wrapping_add(s1);
            if let Some(slot) = w.get_mut(i) {
                *slot = v;
            }
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for (k, wi) in K.iter().zip(w.iter()) {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(*k)
                .wrapping_add(*wi);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (hv, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *hv = hv.wrapping_add(v);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, v) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&v.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_fips_vectors() {
        // FIPS 180-4 / NIST CAVP examples.
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn appcontainer_sid_matches_published_values() {
        // The legacy Microsoft Edge package `microsoft.microsoftedge_8wekyb3d8bbwe`: its SID is
        // the one Edge-extension install scripts grant with `icacls` and that appears under
        // `HKCU\Software\Classes\Local Settings\...\AppContainer\Mapping` (public ACL dumps).
        assert_eq!(
            appcontainer_sid("Microsoft.MicrosoftEdge_8wekyb3d8bbwe"),
            "S-1-15-2-3624051433-2125758914-1423191267-1740899205-1073925389-3782572162-737981194"
        );
        // Case does not matter: the name is lower-cased first.
        assert_eq!(appcontainer_sid("cli"), appcontainer_sid("CLI"));
    }

    #[test]
    fn capability_sids_match_published_values() {
        // Well-known short SIDs (learn.microsoft.com, "Capability SID constants").
        assert_eq!(capability_sid("internetClient"), "S-1-15-3-1");
        assert_eq!(capability_sid("privateNetworkClientServer"), "S-1-15-3-3");
        // `registryRead`: the capability SID granted `ReadKey` on stock `HKLM\SOFTWARE` keys
        // (visible in any `Get-Acl HKLM:\SOFTWARE\...` dump) and listed with `lpacCom` as the
        // pair an LPAC process needs to start.
        assert_eq!(
            capability_sid("registryRead"),
            "S-1-15-3-1024-1065365936-1281604716-3511738428-1654721687-432734479-3232135806-4053264122-3456934681"
        );
        assert_eq!(
            capability_sid("lpacCom"),
            "S-1-15-3-1024-2405443489-874036122-4286035555-1823921565-1746547431-2453885448-3625952902-991631256"
        );
        // `lpacAppExperience`: granted `GR` in Chromium-style LPAC SDDL strings.
        assert_eq!(
            capability_sid("lpacAppExperience"),
            "S-1-15-3-1024-1502825166-1963708345-2616377461-2562897074-4192028372-3968301570-1997628692-1435953622"
        );
        // The derivation upper-cases the name.
        assert_eq!(
            derived_capability_sid("REGISTRYREAD"),
            capability_sid("registryread")
        );
    }
}
