//! `prove`: guardrails, user properties and the secrets catalogue.

use super::fixture::{policy, render_outcome};
use crate::{Engine, Options, properties, prove};

fn check(name: &str, text: &str, guardrails: &[&str], props: &str) {
    let mut files = vec![("policy", text)];
    files.extend(guardrails.iter().map(|g| ("guardrail", *g)));
    let p = policy(0, text);
    let gs: Vec<_> = guardrails
        .iter()
        .enumerate()
        .map(|(i, g)| policy(i as u32 + 1, g))
        .collect();
    let (props, diags) = properties::parse(props);
    let mut out = String::new();
    for d in &diags {
        out.push_str(&format!(
            "parse: {} {} {:?}\n",
            d.code,
            d.message,
            d.labels.first().map(|l| &l.message)
        ));
    }
    for engine in [Engine::Both, Engine::Intervals] {
        let results = prove(
            &p,
            &gs,
            &props,
            &Options {
                engine,
                ..Options::default()
            },
        );
        if engine == Engine::Intervals {
            continue;
        }
        for r in &results {
            assert!(r.internal_errors.is_empty(), "{:?}", r.internal_errors);
            out.push_str(&format!("{}:\n", r.name));
            render_outcome(&mut out, &files, &r.outcome);
        }
    }
    insta::assert_snapshot!(name, out);
}

#[test]
fn guardrail_and_properties() {
    check(
        "guardrail_and_properties",
        "ro /home/u
rw /home/u/work
allow 0.0.0.0/0 tcp 443
timeout 0
clipboard all
env AWS_SECRET_ACCESS_KEY=x",
        &["ro /home/u/work\nrw /home/u/work/out\nallow 0.0.0.0/0 tcp 443"],
        "# user properties
never read ~/.ssh
never write /home/u/work
never egress 10.0.0.0/8 ports 22
never egress 0.0.0.0/0 port 443
timeout <= 600000
clipboard never write
env never AWS_SECRET_ACCESS_KEY
env never HOME
never fly /x
never egress example.com
",
    );
}

#[test]
fn secrets_catalogue() {
    check(
        "secrets_catalogue",
        "ro ~
deny ~/.ssh
egress allow
block 169.254.169.254/32",
        &[],
        "secrets\n",
    );
}

#[test]
fn home_grant_refutes_secrets() {
    check(
        "home_grant_refutes_secrets",
        "rw /home
ro /usr",
        &[],
        "secrets
never write /home/dev/.bashrc
",
    );
}

#[test]
fn windows_users_grant_refutes_profile_secret() {
    check(
        "windows_users_grant_refutes_profile_secret",
        "platform windows
ro C:\\Users
rw %TEMP%",
        &[],
        "never read ~\\.ssh
never write C:\\Users\\dev\\AppData\\Local\\Temp\\x
",
    );
}
