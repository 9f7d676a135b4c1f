//! A tolerant JSON reader for the editor's view of a document.
//!
//! The compiler's parser rejects a document with a syntax error, but an editor asks for
//! completion precisely while the user is typing one. This reader never fails: it builds the
//! best tree it can (unclosed objects run to the end of the text, a key without a value is
//! kept, stray tokens are skipped) with the byte span of every key and value. On valid JSON
//! it yields the same structure as the compiler's tree.

/// Containers nested deeper than this are read as opaque scalars, so reading never recurses
/// without bound.
const MAX_DEPTH: usize = 256;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    /// Byte offsets; for a container, from its opening to its closing bracket included.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// False for a container without its closing bracket or an unterminated string.
    pub(crate) closed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    Object(Vec<Member>),
    Array(Vec<Node>),
    String(String),
    /// A number, `true`, `false`, `null`, or a partial word being typed, as written.
    Scalar(String),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Member {
    pub(crate) key: String,
    /// The key string, quotes included.
    pub(crate) key_start: usize,
    pub(crate) key_end: usize,
    pub(crate) key_closed: bool,
    /// The offset of the `:` after the key, when there is one.
    pub(crate) colon: Option<usize>,
    pub(crate) value: Option<Node>,
}

impl Member {
    /// The end of the member: its value, else its colon, else its key.
    pub(crate) fn end(&self) -> usize {
        match (&self.value, self.colon) {
            (Some(v), _) => v.end,
            (None, Some(c)) => c + 1,
            (None, None) => self.key_end,
        }
    }
}

impl Node {
    pub(crate) fn members(&self) -> &[Member] {
        match &self.kind {
            Kind::Object(members) => members,
            _ => &[],
        }
    }

    pub(crate) fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Array(items) => items,
            _ => &[],
        }
    }

    pub(crate) fn is_object(&self) -> bool {
        matches!(self.kind, Kind::Object(_))
    }

    /// The value of the first member with this key.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.members()
            .iter()
            .find(|m| m.key == key)
            .and_then(|m| m.value.as_ref())
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Reads a document. `None` only when the text holds no JSON value at all.
pub(crate) fn parse(text: &str) -> Option<Node> {
    let tokens = lex(text);
    let mut parser = Parser {
        tokens: &tokens,
        next: 0,
        len: text.len(),
    };
    parser.value(0)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
    Str { value: String, closed: bool },
    Word(String),
}

#[derive(Clone, Debug, PartialEq)]
struct Token {
    tok: Tok,
    start: usize,
    end: usize,
}

fn lex(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let punct = match c {
            '{' => Some(Tok::LBrace),
            '}' => Some(Tok::RBrace),
            '[' => Some(Tok::LBracket),
            ']' => Some(Tok::RBracket),
            ':' => Some(Tok::Colon),
            ',' => Some(Tok::Comma),
            _ => None,
        };
        if let Some(tok) = punct {
            tokens.push(Token {
                tok,
                start,
                end: start + 1,
            });
        } else if c == '"' {
            let mut value = String::new();
            let mut end = text.len();
            let mut closed = false;
            while let Some(&(i, c)) = chars.peek() {
                match c {
                    '"' => {
                        chars.next();
                        end = i + 1;
                        closed = true;
                        break;
                    }
                    '\n' | '\r' => {
                        end = i;
                        break;
                    }
                    '\\' => {
                        chars.next();
                        value.push(unescape(&mut chars));
                    }
                    _ => {
                        chars.next();
                        value.push(c);
                    }
                }
            }
            tokens.push(Token {
                tok: Tok::Str { value, closed },
                start,
                end,
            });
        } else if !c.is_whitespace() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_whitespace() || "{}[]:,\"".contains(c) {
                    break;
                }
                chars.next();
                end = i + c.len_utf8();
            }
            let word = text.get(start..end).unwrap_or("").to_owned();
            tokens.push(Token {
                tok: Tok::Word(word),
                start,
                end,
            });
        }
    }
    tokens
}

/// Decodes the escape after a backslash (already consumed); a malformed escape decodes to
/// U+FFFD, and the compiler's parser reports it.
fn unescape(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> char {
    let Some(&(_, c)) = chars.peek() else {
        return '\u{fffd}';
    };
    if c == '\n' || c == '\r' {
        return '\u{fffd}';
    }
    chars.next();
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'u' => {
            let mut code = 0u32;
            for _ in 0..4 {
                match chars.peek().and_then(|&(_, h)| h.to_digit(16)) {
                    Some(d) => {
                        chars.next();
                        code = code * 16 + d;
                    }
                    None => return '\u{fffd}',
                }
            }
            char::from_u32(code).unwrap_or('\u{fffd}')
        }
        other => other,
    }
}

struct Parser<'a> {
    tokens: &'a [Token],
    next: usize,
    len: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn peek_tok(&self, ahead: usize) -> Option<&Tok> {
        self.tokens.get(self.next + ahead).map(|t| &t.tok)
    }

    fn bump(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.next).cloned();
        self.next += 1;
        token
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        let token = self.bump()?;
        let scalar = |kind| Node {
            kind,
            start: token.start,
            end: token.end,
            closed: true,
        };
        match &token.tok {
            Tok::LBrace | Tok::LBracket if depth >= MAX_DEPTH => {
                Some(scalar(Kind::Scalar(String::new())))
            }
            Tok::LBrace => Some(self.object(token.start, depth)),
            Tok::LBracket => Some(self.array(token.start, depth)),
            Tok::Str { value, closed } => Some(Node {
                kind: Kind::String(value.clone()),
                start: token.start,
                end: token.end,
                closed: *closed,
            }),
            Tok::Word(word) => Some(scalar(Kind::Scalar(word.clone()))),
            Tok::RBrace | Tok::RBracket | Tok::Colon | Tok::Comma => {
                Some(scalar(Kind::Scalar(String::new())))
            }
        }
    }

    fn object(&mut self, start: usize, depth: usize) -> Node {
        let mut members = Vec::new();
        let (end, closed) = loop {
            let Some(token) = self.peek() else {
                break (self.len, false);
            };
            let (t_start, t_end) = (token.start, token.end);
            match &token.tok {
                Tok::RBrace => {
                    self.next += 1;
                    break (t_end, true);
                }
                Tok::RBracket => break (t_start, false),
                Tok::Comma | Tok::Colon | Tok::Word(_) => self.next += 1,
                Tok::LBrace | Tok::LBracket => {
                    let _ = self.value(depth + 1);
                }
                Tok::Str { value, closed } => {
                    let mut member = Member {
                        key: value.clone(),
                        key_start: t_start,
                        key_end: t_end,
                        key_closed: *closed,
                        colon: None,
                        value: None,
                    };
                    self.next += 1;
                    if let Some(Token {
                        tok: Tok::Colon,
                        start,
                        ..
                    }) = self.peek()
                    {
                        member.colon = Some(*start);
                        self.next += 1;
                        // A string followed by a colon is the next key, not this value.
                        let next_is_key = matches!(self.peek_tok(0), Some(Tok::Str { .. }))
                            && matches!(self.peek_tok(1), Some(Tok::Colon));
                        let has_value = matches!(
                            self.peek_tok(0),
                            Some(Tok::Str { .. } | Tok::Word(_) | Tok::LBrace | Tok::LBracket)
                        );
                        if has_value && !next_is_key {
                            member.value = self.value(depth + 1);
                        }
                    }
                    members.push(member);
                }
            }
        };
        Node {
            kind: Kind::Object(members),
            start,
            end,
            closed,
        }
    }

    fn array(&mut self, start: usize, depth: usize) -> Node {
        let mut items = Vec::new();
        let (end, closed) = loop {
            let Some(token) = self.peek() else {
                break (self.len, false);
            };
            let (t_start, t_end) = (token.start, token.end);
            match &token.tok {
                Tok::RBracket => {
                    self.next += 1;
                    break (t_end, true);
                }
                Tok::RBrace => break (t_start, false),
                Tok::Comma | Tok::Colon => self.next += 1,
                _ => {
                    if let Some(item) = self.value(depth + 1) {
                        items.push(item);
                    }
                }
            }
        };
        Node {
            kind: Kind::Array(items),
            start,
            end,
            closed,
        }
    }
}
