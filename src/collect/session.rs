//! Sessions: credentials and SDK configuration for one account, the shared concurrency limit,
//! call counting, and the gaps recorded so far.

use super::progress::Progress;
use crate::inventory::Gap;
use aws_config::identity::IdentityCache;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_sts::config::SharedCredentialsProvider;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::{tls, ConnectorBuilder};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How to reach AWS.
#[derive(Debug, Clone)]
pub struct CollectOptions {
    /// Regions to scan; empty means the configured default region.
    pub regions: Vec<String>,
    /// Scan every region enabled for the account (`DescribeRegions`).
    pub all_regions: bool,
    pub profile: Option<String>,
    /// Assume this role first (`--role-arn`), optionally with an external id.
    pub role_arn: Option<String>,
    pub external_id: Option<String>,
    /// Scan every account of the organization by assuming this role name in each.
    pub org_role_name: Option<String>,
    /// With `org_role_name`: which of the organization's accounts (a shard, a list, none).
    pub selection: super::shard::Selection,
    /// At most this many API calls in flight, across all services, regions and accounts.
    pub concurrency: usize,
    /// Attempts per call, including the first (adaptive retry with backoff between them).
    pub max_attempts: u32,
    /// Time limit for one attempt of one call.
    pub attempt_timeout: Duration,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            regions: Vec::new(),
            all_regions: false,
            profile: None,
            role_arn: None,
            external_id: None,
            org_role_name: None,
            selection: Default::default(),
            concurrency: 32,
            max_attempts: 8,
            attempt_timeout: Duration::from_secs(20),
            progress: false,
        }
    }
}

/// Calls, attempts and gaps over a whole collection.
#[derive(Debug, Default)]
pub struct CallCounter {
    pub operations: AtomicU64,
    pub attempts: AtomicU64,
}

/// Counts every operation and every attempt (so retries = attempts - operations).
#[derive(Debug, Clone)]
pub(crate) struct Counting(pub Arc<CallCounter>);

impl Intercept for Counting {
    fn name(&self) -> &'static str {
        "palisade-call-counter"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.0.operations.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.0.attempts.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// State shared by every session of one collection run.
pub struct Shared {
    pub limiter: Semaphore,
    pub gaps: Mutex<Vec<Gap>>,
    pub counter: Arc<CallCounter>,
    pub progress: Progress,
}

/// One account's view: its id, credentials, and the shared state.
#[derive(Clone)]
pub struct Session {
    pub account_id: String,
    pub partition: String,
    pub sdk: SdkConfig,
    /// Set when `AWS_ENDPOINT_URL` (or a profile's endpoint) points at a custom endpoint such as
    /// an emulator: S3 then uses path-style addressing and S3 Control no account host prefix.
    pub endpoint_override: Option<String>,
    pub shared: Arc<Shared>,
}

impl Session {
    pub(crate) fn counting(&self) -> Counting {
        Counting(self.shared.counter.clone())
    }

    /// `arn:<partition>:<service>:<region>:<account>:<resource>`.
    pub fn arn(&self, service: &str, region: &str, resource: &str) -> String {
        format!(
            "arn:{}:{service}:{region}:{}:{resource}",
            self.partition, self.account_id
        )
    }
}

/// The SDK configuration every client starts from: credentials chain (env, profile, SSO, web
/// identity, IMDS), adaptive retries with a bounded number of attempts, per-attempt timeouts,
/// and the run's one HTTP client ([`http_client`]). Called once per collection run.
pub async fn base_config(opts: &CollectOptions, region: Option<&str>) -> SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client())
        .retry_config(
            RetryConfig::adaptive()
                .with_max_attempts(opts.max_attempts.max(1))
                .with_initial_backoff(Duration::from_millis(100))
                .with_max_backoff(Duration::from_secs(10)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .operation_attempt_timeout(opts.attempt_timeout)
                .connect_timeout(Duration::from_secs(5))
                .build(),
        );
    if let Some(p) = &opts.profile {
        loader = loader.profile_name(p);
    }
    if let Some(r) = region {
        loader = loader.region(Region::new(r.to_string()));
    }
    loader.load().await
}

/// The HTTP client every SDK client of a collection run shares (built once per run, in
/// [`base_config`]): one connection pool, so calls to the same endpoint reuse connections (and
/// TLS sessions) across services, regions and the accounts of an organization, and one TLS
/// configuration. Left unset, the SDK gives every service client its own client, pool and root
/// certificate store: one of each per service, account and region, parsed again for each, and
/// an organization's collection held thousands of connections open at once (2,665 for 101
/// accounts on moto, against 34 with this). Configured as the SDK's default client is: rustls
/// with aws-lc, proxies from `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`. Not a process-wide static:
/// a pool's connections belong to the tokio runtime that opened them.
fn http_client() -> SharedHttpClient {
    aws_smithy_http_client::Builder::new().build_with_connector_fn(|settings, components| {
        // Called with neither when a service client is built, only to load the root
        // certificates early, and the connector is thrown away: building a TLS one there would
        // parse the root store again for each of thousands of clients. The connector that
        // serves calls is built once per connection settings and cached by the client.
        if settings.is_none() && components.is_none() {
            return ConnectorBuilder::default().build_http();
        }
        let mut connector = ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ));
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    })
}

/// A configuration whose credentials come from assuming `role_arn` with `base`'s credentials
/// (cached for this configuration's clients); everything else (region, endpoint, retries,
/// timeouts, HTTP client) is `base`'s.
pub async fn assume_role(base: &SdkConfig, role_arn: &str, external_id: Option<&str>) -> SdkConfig {
    let mut provider = aws_config::sts::AssumeRoleProvider::builder(role_arn)
        .session_name("palisade")
        .configure(base);
    if let Some(id) = external_id {
        provider = provider.external_id(id);
    }
    let provider = provider.build().await;
    // A credentials cache of its own: `base`'s is shared by every account of an organization
    // and keeps 64 partitions (one per credentials provider), so past 64 accounts in flight it
    // evicted them and every service client assumed the role again (29 AssumeRole calls per
    // account in 200, measured, instead of 1).
    base.to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .identity_cache(IdentityCache::lazy().build())
        .build()
}

/// The endpoint URL override in effect, if any (`AWS_ENDPOINT_URL`).
pub fn endpoint_override(sdk: &SdkConfig) -> Option<String> {
    sdk.endpoint_url().map(str::to_string)
}

/// Builds a service client for `region`, with call counting, from a session.
#[macro_export]
macro_rules! client {
    ($session:expr, $krate:ident, $region:expr) => {{
        let conf = $krate::config::Builder::from(&$session.sdk)
            .region(aws_config::Region::new($region.to_string()))
            .interceptor($session.counting())
            .build();
        $krate::Client::from_conf(conf)
    }};
}
