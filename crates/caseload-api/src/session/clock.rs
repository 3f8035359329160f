//! The session's clock, injected: the idle time that locks the store, the hour between
//! scheduled backups, and today's date. The system clock in the app; a clock that moves only
//! when told in tests, so no test waits or measures time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

/// Where the session reads the time.
pub trait Clock: Send + Sync {
    /// A monotonic instant (idle time, the backup hour).
    fn now(&self) -> Instant;
    /// The local date.
    fn today(&self) -> NaiveDate;
}

/// The machine's clock and the local date.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}

/// A clock that stands still until it is advanced (tests).
#[derive(Debug)]
pub struct ManualClock {
    state: Mutex<(Instant, NaiveDate)>,
}

impl ManualClock {
    /// A clock standing at some instant, on `today`.
    pub fn new(today: NaiveDate) -> ManualClock {
        ManualClock {
            state: Mutex::new((Instant::now(), today)),
        }
    }

    /// Moves the instant on by `by` (the date stays: see [`ManualClock::set_today`]).
    pub fn advance(&self, by: Duration) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 += by;
    }

    /// Turns the date to `today`.
    pub fn set_today(&self, today: NaiveDate) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.1 = today;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0
    }

    fn today(&self) -> NaiveDate {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).1
    }
}
