//! Markup written as text (a list's or a timeline's row, a status light) as a type that can only be
//! made safely: by escaping text ([`Markup::text`]), from a literal in the code ([`Markup::lit`]), from
//! SVG the core drew ([`Svg`], whose builders escape every text and attribute), or with [`markup!`],
//! whose template is a literal and each of whose values is escaped unless it is markup already or a
//! number. The views put only `Markup` on a page (`ui::shared::markup`), so a field that was not
//! escaped does not compile.
//!
//! Invariant: nothing here reads the DOM; every way in escapes or is written in the code.

use super::svg::{Num, Svg};
use std::fmt::{self, Display, Formatter};

/// Text that is safe to put on a page as markup.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Markup(String);

impl Markup {
    /// `text`, escaped: markup that shows it literally.
    pub fn text(text: &str) -> Markup {
        Markup(super::svg::xml_escape(text))
    }

    /// Markup written in the code.
    pub fn lit(markup: &'static str) -> Markup {
        Markup(markup.to_string())
    }

    pub fn push(&mut self, more: &Markup) {
        self.0.push_str(&more.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What `markup!` made: its template was a literal and every value went through [`Safe`].
    #[doc(hidden)]
    pub fn from_template(text: String) -> Markup {
        Markup(text)
    }
}

impl From<Svg> for Markup {
    fn from(svg: Svg) -> Markup {
        Markup(svg.text)
    }
}

impl Display for Markup {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A value put into a [`markup!`] template: texts escaped, markup and numbers as they are.
pub trait ToMarkup {
    fn write_markup(&self, f: &mut Formatter<'_>) -> fmt::Result;
}

fn escaped(text: &str, f: &mut Formatter<'_>) -> fmt::Result {
    super::svg::write_escaped(f, text)
}

impl ToMarkup for str {
    fn write_markup(&self, f: &mut Formatter<'_>) -> fmt::Result {
        escaped(self, f)
    }
}

impl ToMarkup for String {
    fn write_markup(&self, f: &mut Formatter<'_>) -> fmt::Result {
        escaped(self, f)
    }
}

impl<T: ToMarkup + ?Sized> ToMarkup for &T {
    fn write_markup(&self, f: &mut Formatter<'_>) -> fmt::Result {
        (**self).write_markup(f)
    }
}

impl ToMarkup for arcstr::ArcStr {
    fn write_markup(&self, f: &mut Formatter<'_>) -> fmt::Result {
        escaped(self, f)
    }
}

impl ToMarkup for Markup {
    fn write_markup(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {
        $(impl ToMarkup for $t {
            fn write_markup(&self, f: &mut Formatter<'_>) -> fmt::Result {
                write!(f, "{self}")
            }
        })*
    };
}
numbers!(u8, u16, u32, u64, usize, i32, i64, Num);

/// A value as [`markup!`] writes it.
pub struct Safe<'a, T: ToMarkup + ?Sized>(pub &'a T);

impl<T: ToMarkup + ?Sized> Display for Safe<'_, T> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.0.write_markup(f)
    }
}

/// Markup from a literal template and named values: `markup!(r#"<a href="{href}">{name}</a>"#, href =
/// url, name = p.name)`. Texts are escaped; [`Markup`] and numbers go in as they are. Only named values
/// are taken, and `tests/architecture.rs` checks that each `{placeholder}` names one of them (a
/// variable captured from around the call would not be escaped).
#[macro_export]
macro_rules! markup {
    ($template:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::domain::markup::Markup::from_template(format!($template $(, $name = $crate::domain::markup::Safe(&$value))*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_and_numbers_go_in_as_they_are() {
        let name = "<script>alert('x')</script> & \"q\"";
        let light = Markup::lit(r#"<span class="light">正常</span>"#);
        let m = crate::markup!(r#"<a title="{name}">{name}</a>{light}<td>{n}</td><i>{w}</i>"#, name = name, light = light, n = 42u32, w = Num(412.5));
        assert_eq!(
            m.as_str(),
            r#"<a title="&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;">&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;</a><span class="light">正常</span><td>42</td><i>412.5</i>"#
        );
        assert_eq!(Markup::text("a<b").as_str(), "a&lt;b");
        let owned = String::from("<b>");
        let shared = arcstr::ArcStr::from("<i>");
        assert_eq!(crate::markup!("{a}{b}", a = owned, b = shared).as_str(), "&lt;b&gt;&lt;i&gt;");
        let mut all = Markup::default();
        assert!(all.is_empty());
        all.push(&m);
        all.push(&Markup::from(Svg { text: "<svg/>".into(), width: 1, height: 1 }));
        assert!(all.as_str().ends_with("<svg/>"));
    }
}
