//! TLS, the body size limit and the proxy.

use std::path::PathBuf;

use clap::Args;

use super::values::byte_count;

/// Certificates: verification, the client certificate and the trusted CAs.
#[derive(Args, Debug, Clone, Default)]
pub struct TlsArgs {
    /// Skip TLS certificate verification (unsafe)
    #[arg(
        short = 'k',
        long,
        overrides_with = "no_insecure",
        help_heading = "TLS and proxy"
    )]
    pub insecure: bool,

    /// Verify TLS certificates, even when the profile says insecure
    #[arg(long, overrides_with = "insecure", help_heading = "TLS and proxy")]
    pub no_insecure: bool,

    /// Present this client certificate (PEM; its key too, unless --key)
    #[arg(short = 'E', long, value_name = "FILE", help_heading = "TLS and proxy")]
    pub cert: Option<PathBuf>,

    /// The private key of --cert (PEM, not encrypted)
    #[arg(
        long,
        value_name = "FILE",
        requires = "cert",
        help_heading = "TLS and proxy"
    )]
    pub key: Option<PathBuf>,

    /// Trust only the CA certificates in this PEM file
    #[arg(long, value_name = "FILE", help_heading = "TLS and proxy")]
    pub cacert: Option<PathBuf>,
}

/// The largest body accepted (between the TLS and proxy options, where the help has always listed it).
#[derive(Args, Debug, Clone, Default)]
pub struct LimitArgs {
    /// Refuse a response body larger than this, after decoding: 500000, 500k, 20M, 1G
    #[arg(long, value_name = "BYTES", value_parser = byte_count, help_heading = "Transfer")]
    pub max_filesize: Option<u64>,
}

/// The proxy and the hosts reached without it.
#[derive(Args, Debug, Clone, Default)]
pub struct ProxyArgs {
    /// Send every request through this proxy: http://, https://, socks4://, socks4a://,
    /// socks5:// or socks5h:// (http:// when no scheme is given); without it, http_proxy,
    /// https_proxy, all_proxy and no_proxy are honoured
    #[arg(
        short = 'x',
        long,
        value_name = "URL",
        overrides_with_all = ["socks5", "socks5_hostname"],
        help_heading = "TLS and proxy"
    )]
    pub proxy: Option<String>,

    /// Send every request through the SOCKS5 proxy at HOST[:PORT], looking host names up
    /// here (as -x socks5://HOST[:PORT])
    #[arg(
        long,
        value_name = "HOST",
        overrides_with_all = ["proxy", "socks5_hostname"],
        help_heading = "TLS and proxy"
    )]
    pub socks5: Option<String>,

    /// Send every request through the SOCKS5 proxy at HOST[:PORT], which looks host names
    /// up (as -x socks5h://HOST[:PORT])
    #[arg(
        long,
        value_name = "HOST",
        overrides_with_all = ["proxy", "socks5"],
        help_heading = "TLS and proxy"
    )]
    pub socks5_hostname: Option<String>,

    /// Hosts to reach without a proxy, comma-separated, in place of NO_PROXY ('*' for all)
    #[arg(long, value_name = "HOSTS", help_heading = "TLS and proxy")]
    pub noproxy: Option<String>,

    /// Credentials for the proxy
    #[arg(
        short = 'U',
        long,
        value_name = "USER:PASSWORD",
        help_heading = "TLS and proxy"
    )]
    pub proxy_user: Option<String>,
}
