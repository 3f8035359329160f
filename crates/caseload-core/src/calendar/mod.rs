//! England & Wales working days, bank holidays, calendar months and plan-by
//! (domain.md §1).
//!
//! | file | what it holds |
//! |---|---|
//! | `holidays.rs` | [`Calendar`]: bundled 2015–2028 table, imported years, holiday lookup |
//! | `index.rs` | the working-day index: working days before each day of the loaded years, built once per calendar |
//! | `easter.rs` | [`easter_sunday`] and [`computed_holidays`]: the fallback algorithm (provisional) |
//! | `working_days.rs` | [`Calendar::add_working_days`] (both conventions), [`Calendar::sub_working_days`], [`Calendar::working_days_between`], [`Calendar::plan_by`] |
//! | `months.rs` | [`add_months`]: corresponding date, clamped to month end; [`elapsed`]: whole months and days between two dates |
//! | `weeks.rs` | [`week_of`]: the week (Monday to Sunday) a date falls in; [`weeks_of_month`]: a month's page |
//! | `input.rs` | [`read_date`]: a typed date read the British way (day first), or why not |
//!
//! What this module deliberately does not do: read the clock, read files (GOV.UK JSON is
//! parsed in `caseload-interop`), know Scotland or Northern Ireland, or move a month-based
//! due date off a weekend (plan-by is shown beside it instead).
//!
//! Invariant: a year with loaded data is never mixed with computed dates; a year without
//! loaded data is always computed and every result that depends on it is `provisional`.

mod easter;
mod holidays;
mod index;
mod input;
mod months;
mod weeks;
mod working_days;

pub use easter::{computed_holidays, easter_sunday};
pub use holidays::{Calendar, Holiday, HolidayOrigin, NonWorking};
pub use input::{read_date, DateInputError};
pub use months::{add_months, elapsed, Elapsed, MonthCount};
pub use weeks::{week_of, weeks_of_month, Week};
pub(crate) use working_days::CountEnd;
pub use working_days::{Convention, Direction, SkippedDay, WorkingDayCount};
