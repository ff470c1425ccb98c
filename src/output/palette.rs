//! The colours: `colored_json`'s styles for JSON, and matching ones for the HTTP head.

use colored_json::{Color, Style, Styler};

/// ANSI prefix and suffix for each kind of token.
#[derive(Debug, Clone)]
pub struct Palette {
    pub object_brackets: (String, String),
    pub array_brackets: (String, String),
    pub colon: (String, String),
    pub key: (String, String),
    pub string: (String, String),
    pub integer: (String, String),
    pub float: (String, String),
    pub boolean: (String, String),
    pub null: (String, String),
    pub method: (String, String),
    pub url: (String, String),
    pub version: (String, String),
    pub header_name: (String, String),
    pub request_id: (String, String),
    pub notice: (String, String),
    /// What is said in passing: the request line data items chose the method of.
    pub dim: (String, String),
    /// `hit run`'s request titles.
    pub title: (String, String),
    success: (String, String),
    redirect: (String, String),
    client_error: (String, String),
    server_error: (String, String),
}

fn codes(style: Style) -> (String, String) {
    (style.prefix().into_owned(), style.suffix().into_owned())
}

impl Palette {
    pub fn new() -> Palette {
        let json = Styler::default();
        Palette {
            object_brackets: codes(json.object_brackets),
            array_brackets: codes(json.array_brackets),
            colon: codes(json.object_colon),
            key: codes(json.key),
            string: codes(json.string_value),
            integer: codes(json.integer_value),
            float: codes(json.float_value),
            boolean: codes(json.bool_value),
            null: codes(json.nil_value),
            method: codes(Color::Green.bold()),
            url: codes(Style::new().underline()),
            version: codes(Color::Blue.foreground()),
            header_name: codes(Color::Cyan.foreground()),
            request_id: codes(Color::Magenta.bold()),
            notice: codes(Color::Yellow.foreground()),
            dim: codes(Style::new().dim()),
            title: codes(Style::new().bold()),
            success: codes(Color::Green.bold()),
            redirect: codes(Color::Cyan.bold()),
            client_error: codes(Color::Yellow.bold()),
            server_error: codes(Color::Red.bold()),
        }
    }

    /// SPEC §4: 2xx green, 3xx cyan, 4xx yellow, 5xx red.
    pub fn status(&self, code: u16) -> &(String, String) {
        match code {
            300..=399 => &self.redirect,
            400..=499 => &self.client_error,
            500.. => &self.server_error,
            _ => &self.success,
        }
    }
}
