//! View pieces several views use: the status light, project links, the status cell, the reporting
//! person field, a unit select, the file picker, the printing signal, the observed height of a scrolling box, the four report texts and SVG text put on the page as nodes. Views import them from here, never from each other.

mod change_mark;
mod file_picker;
mod height;
pub mod light;
mod links;
mod markup;
mod month_options;
mod person_field;
mod printing;
mod report_fields;
mod status_cell;
mod svg_nodes;
mod unit_select;

pub use change_mark::{change_at, change_mark_html};
pub use file_picker::{DropZone, FilePicker};
pub use height::{first_frame_painted, follow_scroll_top, observed_height};
pub use light::{light_html, Shape, StatusLight};
pub use links::{open_on_click, opens_in_place, project_href, refresh_href, row_project};
pub use markup::{category_no_html, live_markup, markup};
pub use month_options::MonthEndOptions;
pub use person_field::PersonField;
pub use printing::printing;
pub use report_fields::{field_label, ReportFields};
pub use status_cell::{marks_html, status_cell_html, StatusCell};
pub use svg_nodes::parse_svg;
pub use unit_select::UnitSelect;
