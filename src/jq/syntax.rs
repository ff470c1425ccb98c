//! Reading a filter's shape from jaq's syntax tree: a top-level comparison (for `--check`
//! failure lines) and a leading `.[]` (to stream a top-level array element by element).
//!
//! jaq's tree keeps no positions; the lexer's tokens do, with brackets and strings already
//! nested. So a split point is taken from the top-level tokens and kept only when its
//! sides parse to the tree's own operands (compared through their debug form, which shows
//! the whole structure and the source strings).

use jaq_core::load::lex::{Lexer, StrPart, Tok, Token};
use jaq_core::load::parse::{BinaryOp, Term};
use jaq_core::path::{Opt, Part, Path};

pub(super) fn parse_term(code: &str) -> Option<Term<&str>> {
    jaq_core::load::parse(code, |p| p.term())
}

fn tokens(code: &str) -> Option<Vec<Token<&str>>> {
    Lexer::new(code).lex().ok()
}

/// The offset of PART (a slice of CODE) in CODE.
fn offset(code: &str, part: &str) -> usize {
    part.as_ptr() as usize - code.as_ptr() as usize
}

/// EXPR split around the top-level operator SYM whose sides are the trees L and R.
fn split<'a>(
    expr: &'a str,
    sym: &str,
    l: &Term<&str>,
    r: &Term<&str>,
) -> Option<(&'a str, &'a str)> {
    let (l, r) = (format!("{l:?}"), format!("{r:?}"));
    let same = |side: &str, tree: &str| parse_term(side).is_some_and(|t| format!("{t:?}") == tree);
    tokens(expr)?.iter().find_map(|Token(text, tok)| {
        if !matches!(tok, Tok::Sym) || *text != sym {
            return None;
        }
        let start = offset(expr, text);
        let (lhs, rhs) = (expr[..start].trim(), expr[start + text.len()..].trim());
        (same(lhs, &l) && same(rhs, &r)).then_some((lhs, rhs))
    })
}

/// The text of LHS when EXPR's top level is a comparison `LHS op RHS`.
pub(super) fn comparison_lhs(expr: &str) -> Option<&str> {
    let Term::BinOp(l, BinaryOp::Cmp(op), r) = parse_term(expr)? else {
        return None;
    };
    split(expr, op.as_str(), &l, &r).map(|(lhs, _)| lhs)
}

/// When EXPR is `.[]` followed by more path (`.[].id`), or piped into a filter
/// (`.[] | select(.a) | .b`), the filter to run on each element (`.id`, `. | select(.a) |
/// .b`). `.[]?` does not count: on a non-array it differs.
pub(super) fn after_iteration(expr: &str) -> Option<String> {
    after_iteration_in(expr, &parse_term(expr)?)
}

fn after_iteration_in(expr: &str, tree: &Term<&str>) -> Option<String> {
    match tree {
        Term::BinOp(l, BinaryOp::Pipe(None), r) => {
            let (lhs, rhs) = split(expr, "|", l, r)?;
            Some(format!("{} | {rhs}", after_iteration_in(lhs, l)?))
        }
        tree => path_after_iteration(expr, tree),
    }
}

/// For a path EXPR (its tree TREE) that starts with `.[]`, the path after it.
fn path_after_iteration(expr: &str, tree: &Term<&str>) -> Option<String> {
    let Term::Path(head, Path(parts)) = tree else {
        return None;
    };
    let (Term::Id, Some((Part::Range(None, None), Opt::Essential))) = (&**head, parts.first())
    else {
        return None;
    };
    let tokens = tokens(expr)?;
    let [Token(".", Tok::Sym), Token(brackets, Tok::Block(_)), ..] = &tokens[..] else {
        return None;
    };
    if brackets
        .chars()
        .filter(|c| !c.is_whitespace())
        .ne("[]".chars())
    {
        return None;
    }
    let rest = expr[offset(expr, brackets) + brackets.len()..].trim();
    if rest.is_empty() {
        return (parts.len() == 1).then(|| ".".to_string());
    }
    let rest = if rest.starts_with('.') {
        rest.to_string()
    } else {
        format!(".{rest}")
    };
    let expected = Term::Path(head.clone(), Path(parts[1..].to_vec()));
    let parsed = parse_term(&rest)?;
    (format!("{parsed:?}") == format!("{expected:?}")).then_some(rest)
}

/// Whether CODE uses the variable NAME (`$__status`): a variable token, at any depth of
/// brackets or string interpolation, but not the same letters inside a string.
pub(super) fn names_variable(code: &str, name: &str) -> bool {
    fn within(tokens: &[Token<&str>], name: &str) -> bool {
        tokens.iter().any(|Token(text, tok)| match tok {
            Tok::Var => *text == name,
            Tok::Block(inner) => within(inner, name),
            Tok::Str(parts) => parts.iter().any(|part| match part {
                StrPart::Term(term) => within(std::slice::from_ref(term), name),
                _ => false,
            }),
            _ => false,
        })
    }
    tokens(code).is_some_and(|tokens| within(&tokens, name))
}

/// Whether EXPR's top level assigns (`.a = 1`, `.a |= f`, `.n += 1`, `.a //= 1`): such an
/// expression yields the updated input, not true or false.
pub fn assigns(expr: &str) -> bool {
    matches!(
        parse_term(expr),
        Some(Term::BinOp(
            _,
            BinaryOp::Assign | BinaryOp::Update | BinaryOp::UpdateMath(_) | BinaryOp::UpdateAlt,
            _
        ))
    )
}
