//! View pieces several views use: the status light, project links, the status cell, the reporting
//! person field, a unit select, the file picker, the printing signal and the four report texts. Views import them from here, never from each other.

mod change_mark;
mod file_picker;
pub mod light;
mod links;
mod person_field;
mod printing;
mod report_fields;
mod status_cell;
mod unit_select;

pub use change_mark::ChangeMark;
pub use file_picker::FilePicker;
pub use light::{Shape, StatusLight};
pub use links::{open_on_click, project_href};
pub use person_field::PersonField;
pub use printing::printing;
pub use report_fields::{field_label, ReportFields};
pub use status_cell::StatusCell;
pub use unit_select::UnitSelect;
