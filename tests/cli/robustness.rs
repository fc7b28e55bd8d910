//! Malformed input never panics: thousands of mutated snapshots and policies each give a value
//! or a clean error. (A deterministic mutation loop; cheap enough to run in every `cargo test`.)

use palisade::engine::PolicySet;
use palisade::inventory::load_snapshot_str;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    match rng.below(4) {
        0 => bytes.truncate(rng.below(bytes.len())),
        1 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                const NOISE: &[u8] = b"{}[]\":,0123456789aZ \\\n\x00\xff";
                bytes[i] = NOISE[rng.below(NOISE.len())];
            }
        }
        2 => {
            let i = rng.below(bytes.len());
            let j = (i + rng.below(200)).min(bytes.len());
            bytes.drain(i..j);
        }
        _ => {
            let i = rng.below(bytes.len());
            let j = (i + rng.below(200)).min(bytes.len());
            let chunk = bytes[i..j].to_vec();
            let k = rng.below(bytes.len());
            bytes.splice(k..k, chunk);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn mutated_snapshots_load_or_fail_cleanly() {
    let mut rng = Rng(0x5eed);
    let demo = palisade::demo::SNAPSHOT;
    let mut errors = 0;
    for _ in 0..1500 {
        let text = mutate(&mut rng, demo);
        if let Err(e) = load_snapshot_str(&text, Path::new("mutated.json")) {
            assert!(e.to_string().starts_with("mutated.json"), "{e}");
            errors += 1;
        }
    }
    assert!(
        errors > 500,
        "mutations should mostly break the snapshot ({errors})"
    );
}

#[test]
fn mutated_policies_load_or_fail_cleanly() {
    let mut rng = Rng(0xbad5eed);
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("policies/ec2/ec2-security-group-ssh-open-to-internet.rego"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("ec2-security-group-ssh-open-to-internet.rego");
    let mut errors = 0;
    for _ in 0..150 {
        std::fs::write(&path, mutate(&mut rng, &original)).unwrap();
        match PolicySet::load(false, &[dir.path().to_path_buf()]) {
            Ok(_) => {}
            Err(e) => {
                assert!(!e.to_string().is_empty());
                errors += 1;
            }
        }
    }
    assert!(errors > 30, "{errors}");
}
