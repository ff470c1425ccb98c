//! A SOCKS proxy for tests (SOCKS4 and 4a, SOCKS5 with RFC 1929 username/password): it
//! records what each client asked for, connects to 127.0.0.1 whatever name it is given (the
//! proxy's own "lookup"), and relays bytes both ways.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// What one client asked the proxy for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// 4 or 5.
    pub version: u8,
    /// The destination as received: a host name (socks4a, socks5h) or an address.
    pub host: String,
    /// Whether `host` came as a name, for the proxy to look up.
    pub by_name: bool,
    pub port: u16,
    /// RFC 1929's username and password (SOCKS5), or SOCKS4's user ID with no password.
    pub credentials: Option<(String, String)>,
}

/// A SOCKS proxy on 127.0.0.1.
pub struct Socks {
    port: u16,
    asked: Arc<Mutex<Vec<Asked>>>,
}

impl Socks {
    /// A proxy that asks for no credentials.
    pub fn start() -> Socks {
        Socks::spawn(None)
    }

    /// A SOCKS5 proxy that takes only this username and password (RFC 1929).
    pub fn with_login(user: &str, password: &str) -> Socks {
        Socks::spawn(Some((user.to_string(), password.to_string())))
    }

    fn spawn(login: Option<(String, String)>) -> Socks {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let record = asked.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (login, record) = (login.clone(), record.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, login.as_ref(), &record);
                });
            }
        });
        Socks { port, asked }
    }

    /// `127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The proxy's URL in this scheme: `socks5h://127.0.0.1:PORT`.
    pub fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}", self.address())
    }

    /// What every client has asked for, in order.
    pub fn asked(&self) -> Vec<Asked> {
        self.asked.lock().unwrap().clone()
    }

    /// What the one client asked for.
    pub fn only(&self) -> Asked {
        let asked = self.asked();
        assert_eq!(asked.len(), 1, "{asked:#?}");
        asked[0].clone()
    }
}

fn serve(
    mut client: TcpStream,
    login: Option<&(String, String)>,
    record: &Mutex<Vec<Asked>>,
) -> io::Result<()> {
    let asked = match byte(&mut client)? {
        4 => socks4(&mut client)?,
        5 => match socks5(&mut client, login)? {
            Some(asked) => asked,
            None => return Ok(()),
        },
        _ => return Ok(()),
    };
    record.lock().unwrap().push(asked.clone());
    // The proxy's lookup: every name is 127.0.0.1.
    let address = match asked.host.parse::<IpAddr>() {
        Ok(address) => address,
        Err(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
    };
    let (success, refused): (&[u8], &[u8]) = if asked.version == 4 {
        (&[0, 90, 0, 0, 0, 0, 0, 0], &[0, 91, 0, 0, 0, 0, 0, 0])
    } else {
        (
            &[5, 0, 0, 1, 0, 0, 0, 0, 0, 0],
            &[5, 5, 0, 1, 0, 0, 0, 0, 0, 0],
        )
    };
    let Ok(target) = TcpStream::connect(SocketAddr::new(address, asked.port)) else {
        return client.write_all(refused);
    };
    client.write_all(success)?;
    relay(client, target)
}

/// SOCKS4's CONNECT after its version byte: port, address, user ID, and for 4a
/// (address 0.0.0.x) the host name.
fn socks4(client: &mut TcpStream) -> io::Result<Asked> {
    let mut head = [0; 7];
    client.read_exact(&mut head)?;
    let port = u16::from_be_bytes([head[1], head[2]]);
    let ip = Ipv4Addr::new(head[3], head[4], head[5], head[6]);
    let user = text_until_nul(client)?;
    let by_name = ip.octets()[..3] == [0, 0, 0] && ip.octets()[3] != 0;
    let host = if by_name {
        text_until_nul(client)?
    } else {
        ip.to_string()
    };
    Ok(Asked {
        version: 4,
        host,
        by_name,
        port,
        credentials: (!user.is_empty()).then(|| (user, String::new())),
    })
}

/// SOCKS5 after its version byte: the method, RFC 1929's login when the proxy has one, and
/// the CONNECT request. None when the client did not log in.
fn socks5(client: &mut TcpStream, login: Option<&(String, String)>) -> io::Result<Option<Asked>> {
    let count = byte(client)?;
    let methods = bytes(client, count.into())?;
    let wanted = if login.is_some() { 2 } else { 0 };
    if !methods.contains(&wanted) {
        client.write_all(&[5, 0xFF])?;
        return Ok(None);
    }
    client.write_all(&[5, wanted])?;
    let mut credentials = None;
    if let Some(login) = login {
        let _version = byte(client)?;
        let len = byte(client)?;
        let user = String::from_utf8_lossy(&bytes(client, len.into())?).into_owned();
        let len = byte(client)?;
        let password = String::from_utf8_lossy(&bytes(client, len.into())?).into_owned();
        let given = (user, password);
        let accepted = given == *login;
        client.write_all(&[1, if accepted { 0 } else { 1 }])?;
        if !accepted {
            return Ok(None);
        }
        credentials = Some(given);
    }
    let head = bytes(client, 4)?;
    let (host, by_name) = match head[3] {
        1 => {
            let octets: [u8; 4] = bytes(client, 4)?.try_into().unwrap();
            (Ipv4Addr::from(octets).to_string(), false)
        }
        3 => {
            let len = byte(client)?;
            let name = bytes(client, len.into())?;
            (String::from_utf8_lossy(&name).into_owned(), true)
        }
        _ => {
            let octets: [u8; 16] = bytes(client, 16)?.try_into().unwrap();
            (Ipv6Addr::from(octets).to_string(), false)
        }
    };
    let port = bytes(client, 2)?;
    Ok(Some(Asked {
        version: 5,
        host,
        by_name,
        port: u16::from_be_bytes([port[0], port[1]]),
        credentials,
    }))
}

/// Bytes both ways until each side ends.
fn relay(client: TcpStream, target: TcpStream) -> io::Result<()> {
    let (mut client_in, mut target_out) = (client.try_clone()?, target.try_clone()?);
    let upstream = std::thread::spawn(move || {
        let _ = io::copy(&mut client_in, &mut target_out);
        let _ = target_out.shutdown(Shutdown::Write);
    });
    let (mut target_in, mut client_out) = (target, client);
    let _ = io::copy(&mut target_in, &mut client_out);
    let _ = client_out.shutdown(Shutdown::Write);
    let _ = upstream.join();
    Ok(())
}

fn byte(stream: &mut TcpStream) -> io::Result<u8> {
    let mut one = [0];
    stream.read_exact(&mut one)?;
    Ok(one[0])
}

fn bytes(stream: &mut TcpStream, len: usize) -> io::Result<Vec<u8>> {
    let mut buf = vec![0; len];
    stream.read_exact(&mut buf)?;
    Ok(buf)
}

fn text_until_nul(stream: &mut TcpStream) -> io::Result<String> {
    let mut text = Vec::new();
    loop {
        match byte(stream)? {
            0 => return Ok(String::from_utf8_lossy(&text).into_owned()),
            b => text.push(b),
        }
    }
}
