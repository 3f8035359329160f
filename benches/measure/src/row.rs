//! One row of the table.

use std::time::Duration;

/// A figure beside its floor, the ratio between them, and the goal.
pub struct Row {
    what: String,
    figure: String,
    floor: String,
    ratio: String,
    goal: String,
    holds: Option<bool>,
}

impl Row {
    /// A time against a fixed goal (no floor to divide by).
    pub fn time_within(what: impl Into<String>, figure: Duration, goal: Duration) -> Row {
        Row {
            what: what.into(),
            figure: ms(figure),
            floor: "—".to_string(),
            ratio: "—".to_string(),
            goal: format!("≤ {} ms", goal.as_millis()),
            holds: Some(figure <= goal),
        }
    }

    /// A figure divided by its floor, against a goal for the ratio.
    pub fn ratio(
        what: impl Into<String>,
        (figure, figure_text): (f64, String),
        (floor, floor_text): (f64, String),
        goal: f64,
    ) -> Row {
        let ratio = figure / floor;
        Row {
            what: what.into(),
            figure: figure_text,
            floor: floor_text,
            ratio: format!("{ratio:.2}×"),
            goal: format!("≤ {goal}×"),
            holds: Some(ratio <= goal),
        }
    }

    /// A figure recorded, with no goal to hold.
    pub fn figure_only(what: impl Into<String>, figure: String, goal: &str) -> Row {
        Row {
            what: what.into(),
            figure,
            floor: "—".to_string(),
            ratio: "—".to_string(),
            goal: goal.to_string(),
            holds: None,
        }
    }

    /// The row as tab-separated values.
    pub fn tsv(&self) -> String {
        let verdict = match self.holds {
            Some(true) => "holds",
            Some(false) => "MISSED",
            None => "",
        };
        [
            self.what.as_str(),
            &self.figure,
            &self.floor,
            &self.ratio,
            &self.goal,
            verdict,
        ]
        .join("\t")
    }
}

/// Milliseconds, to two decimals under ten.
pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// The median of some timings.
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
