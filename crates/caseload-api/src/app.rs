use std::path::{Path, PathBuf};

use caseload_core::calendar::{week_of, Convention, Holiday};
use caseload_core::change::{Change, HolidayRow};
use caseload_core::explain::Explanation;
use caseload_core::ids::{ChildId, DisputeId, IroId};
use caseload_core::report::{AnnualReport, IroFilter, ReportOptions, ReportPeriod};
use caseload_core::rules::{DisputeReasons, RuleId, RuleView};
use caseload_core::settings::Settings;
use caseload_core::warnings::{compute_warnings, Warning, WhyKey};
use caseload_store::{
    Applied, ApplyContext, AuditEntry, AuditFilter, EraseContext, Key, OpenOptions, Passphrase,
    Store,
};
use chrono::NaiveDate;

use crate::audit::{AuditQuery, AuditView, DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT};
use crate::caseload::{caseload_view, CaseloadView};
use crate::child::{child_view, ChildView};
use crate::dates::{month_page, read_date_field, DateReading, MonthPage};
use crate::disputes::{dispute_view, disputes_view, DisputeFilter, DisputeView, DisputesView};
use crate::due_date::{due_date, DueDateView};
use crate::export::{export_ics, IcsExport, IcsScope};
use crate::options::{participation_options, ParticipationOptions, SettingsView};
use crate::retention::{self, ErasedRow, ErasureView, RetentionRow, RetentionView};
use crate::snapshot::Snapshot;
use crate::storage::{self, BackupRow, BackupView, EncryptView, RecoveryKeyView, RestoreView};
use crate::today::{today_view, TodayView};
use crate::views::{ChildSummary, IroRef, SeverityCounts, WarningsView};
use crate::week::{week_view, WeekView};
use crate::ApiError;
use caseload_demo::{demo_changes, DemoOptions};

/// An open store and the use cases over it.
pub struct App {
    store: Store,
}

impl App {
    /// Opens (creating if needed) a **plaintext** store at `path`, with backups in `backups/`
    /// beside it: the synthetic demo store and tests. An encrypted file is refused
    /// ([`ApiError::PassphraseNeeded`]); use [`App::open_with`] for those.
    pub fn open(path: &Path) -> Result<App, ApiError> {
        App::open_with(path, Key::Unencrypted, None)
    }

    /// Opens (creating if needed) the store at `path` with `key`: checks the passphrase and the
    /// file's integrity, backs up before a migration, migrates. Backups go to `backup_dir`, or
    /// to `backups/` beside the store.
    pub fn open_with(path: &Path, key: Key, backup_dir: Option<&Path>) -> Result<App, ApiError> {
        let mut options = OpenOptions::new(path, key, storage::now());
        if let Some(dir) = backup_dir {
            options.backup_dir = dir.to_path_buf();
        }
        Ok(App {
            store: Store::open(path, &options)?,
        })
    }

    /// True when the store is encrypted (front ends show it; the demo store is not).
    pub fn is_encrypted(&self) -> bool {
        self.store.is_encrypted()
    }

    /// The store file (`None` in memory).
    pub fn store_path(&self) -> Option<&Path> {
        self.store.path()
    }

    /// The backups folder (`None` in memory).
    pub fn backup_dir(&self) -> Option<&Path> {
        self.store.backup_dir()
    }

    /// Sends later backups to `dir`.
    pub fn set_backup_dir(&mut self, dir: PathBuf) {
        self.store.set_backup_dir(dir);
    }

    /// "Back up now": a consistent copy under the store's key in the backups folder, then the
    /// rotation (7 daily + 4 weekly).
    pub fn backup_now(&self) -> Result<BackupView, ApiError> {
        let made = self.store.backup_now(storage::now())?;
        Ok(BackupView {
            path: made.path,
            encrypted: self.store.is_encrypted(),
            removed: made.removed,
        })
    }

    /// The scheduled backup: the first time a store holding data is opened on a day (call it
    /// after opening, and from a timer in a long-running app).
    pub fn backup_if_due(&self) -> Result<Option<BackupView>, ApiError> {
        Ok(self
            .store
            .backup_if_due(storage::now())?
            .map(|made| BackupView {
                path: made.path,
                encrypted: self.store.is_encrypted(),
                removed: made.removed,
            }))
    }

    /// The backups of this store in its backups folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupRow>, ApiError> {
        let (Some(dir), Some(path)) = (self.store.backup_dir(), self.store.path()) else {
            return Ok(Vec::new());
        };
        Ok(caseload_store::list_backups(dir, path)?
            .into_iter()
            .map(BackupRow::from)
            .collect())
    }

    /// Replaces the open store with a backup (after the front end has asked the user to
    /// confirm), once the backup is proved to open with `key` and to pass the integrity check.
    /// The replaced store is kept in the backups folder; the store is then reopened under
    /// the backup's key.
    pub fn restore(&mut self, backup: &Path, key: Key) -> Result<RestoreView, ApiError> {
        let restored = self.store.restore_from(backup, key, storage::now())?;
        Ok(RestoreView {
            restored_from: backup.to_path_buf(),
            kept: restored.kept,
        })
    }

    /// Restores a store that cannot be opened (damaged, or its passphrase lost but a backup's
    /// known): the same checks and the same keeping of the replaced file, without opening it.
    pub fn restore_file(
        path: &Path,
        backup: &Path,
        key: Key,
        backup_dir: Option<&Path>,
    ) -> Result<RestoreView, ApiError> {
        let mut options = OpenOptions::new(path, key, storage::now());
        if let Some(dir) = backup_dir {
            options.backup_dir = dir.to_path_buf();
        }
        let restored = caseload_store::restore(path, backup, &options)?;
        Ok(RestoreView {
            restored_from: backup.to_path_buf(),
            kept: restored.kept,
        })
    }

    /// Changes the passphrase: `current` must open the store; `new` passed
    /// [`storage::new_passphrase`]. A backup is taken at once under the new passphrase (older
    /// backups keep the passphrase they were made with).
    pub fn change_passphrase(
        &mut self,
        current: &Passphrase,
        new: Passphrase,
    ) -> Result<BackupView, ApiError> {
        if !self.store.is_encrypted() {
            return Err(ApiError::NotEncrypted);
        }
        if !self.store.check_passphrase(current) {
            return Err(ApiError::WrongPassphrase);
        }
        self.store.rekey(new)?;
        self.backup_now()
    }

    /// Sets a new passphrase on a store opened with its recovery key (the passphrase was
    /// forgotten); `new` passed [`storage::new_passphrase`]. The recovery key stays valid. A
    /// backup is taken at once under the new passphrase.
    pub fn reset_passphrase(&mut self, new: Passphrase) -> Result<BackupView, ApiError> {
        self.store.rekey(new)?;
        self.backup_now()
    }

    /// The recovery key made when this store was created, encrypted or converted to key slots,
    /// once; `None` after it was taken, or when none was made.
    pub fn take_new_recovery_key(&mut self) -> Option<RecoveryKeyView> {
        let key = self.store.take_new_recovery_key()?;
        let path = self.store.path()?.to_path_buf();
        Some(RecoveryKeyView::new(&key, &path))
    }

    /// True when a recovery key opens this store.
    pub fn has_recovery_key(&self) -> bool {
        self.store.has_recovery_key()
    }

    /// Makes a new recovery key once `current` is proved to be the passphrase: the old key stops
    /// opening the store and the backups in its backups folder.
    pub fn renew_recovery_key(
        &mut self,
        current: &Passphrase,
    ) -> Result<RecoveryKeyView, ApiError> {
        if !self.store.is_encrypted() {
            return Err(ApiError::NotEncrypted);
        }
        if !self.store.check_passphrase(current) {
            return Err(ApiError::WrongPassphrase);
        }
        let key = self.store.renew_recovery_key()?;
        let path = self.store.path().map(Path::to_path_buf).unwrap_or_default();
        Ok(RecoveryKeyView::new(&key, &path))
    }

    /// Encrypts this plaintext store under `passphrase` (which passed
    /// [`storage::new_passphrase`]): no plaintext copy is kept; a first encrypted backup is
    /// taken.
    pub fn encrypt_existing(&mut self, passphrase: Passphrase) -> Result<EncryptView, ApiError> {
        let (encrypted, backup) = self.store.encrypt(passphrase, storage::now())?;
        Ok(EncryptView {
            wiped_backups: encrypted.wiped_backups,
            backup: backup.path,
        })
    }

    /// The number of rows in every table, by table name (diagnostics; no child data).
    pub fn row_counts(&self) -> Result<std::collections::BTreeMap<&'static str, i64>, ApiError> {
        Ok(self.store.count_rows()?)
    }

    /// SQLite's full integrity check: an empty list when the store is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, ApiError> {
        Ok(self.store.integrity_check()?)
    }

    /// A throwaway store in memory (tests, calculations).
    pub fn open_in_memory() -> Result<App, ApiError> {
        Ok(App {
            store: Store::open_in_memory()?,
        })
    }

    /// What one request computes over, read in one read transaction.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn snapshot(&self) -> Result<Snapshot, ApiError> {
        Ok(self.store.load_snapshot()?.into())
    }

    /// Reads a JSON file of changes: one change object, or an array of them.
    pub fn parse_changes(bytes: &[u8]) -> Result<Vec<Change>, ApiError> {
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
            ApiError::BadInput(format!("line {} column {}: {e}", e.line(), e.column()))
        })?;
        let items = match value {
            serde_json::Value::Array(items) => items,
            object @ serde_json::Value::Object(_) => vec![object],
            _ => {
                return Err(ApiError::BadInput(
                    "expected a change object or an array of changes".to_string(),
                ))
            }
        };
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                serde_json::from_value::<Change>(item)
                    .map_err(|e| ApiError::BadInput(format!("change {}: {e}", i + 1)))
            })
            .collect()
    }

    /// Reads a JSON Lines file of batches: each non-blank line is one batch (a change object or
    /// an array of changes). Every line is parsed before anything is applied.
    pub fn parse_batches(bytes: &[u8]) -> Result<Vec<Vec<Change>>, ApiError> {
        let text = std::str::from_utf8(bytes)
            .map_err(|e| ApiError::BadInput(format!("not UTF-8 text: {e}")))?;
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                App::parse_changes(line.as_bytes())
                    .map_err(|e| ApiError::BadInput(format!("line {}: {e}", i + 1)))
            })
            .collect()
    }

    /// Applies changes in one transaction, all or nothing, with their audit rows.
    pub fn apply(
        &mut self,
        changes: &[Change],
        as_of: NaiveDate,
        actor: Option<IroId>,
    ) -> Result<Vec<Applied>, ApiError> {
        let ctx = ApplyContext {
            as_of,
            actor,
            recorded_at: chrono::Utc::now(),
            source: None,
        };
        match self.store.apply(changes, &ctx) {
            Ok(applied) => Ok(applied),
            // What was refused, in the authority's words (LAC or CLA).
            Err(caseload_store::StoreError::Invalid(mut errors)) => {
                let words = self.store.load_settings()?.terminology;
                for e in errors.iter_mut().flat_map(|c| c.errors.iter_mut()) {
                    e.message = words.say(&e.message);
                }
                Err(ApiError::Invalid(errors))
            }
            Err(other) => Err(other.into()),
        }
    }

    /// Applies groups of changes in one transaction, each group whole or not at all, their
    /// audit rows naming `source`; with `commit` false nothing is kept (a preview).
    pub(crate) fn apply_groups(
        &mut self,
        groups: &[Vec<Change>],
        as_of: NaiveDate,
        source: &str,
        commit: bool,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<caseload_store::GroupOutcome>, ApiError> {
        let ctx = ApplyContext {
            as_of,
            actor: None,
            recorded_at: chrono::Utc::now(),
            source: Some(source),
        };
        Ok(self.store.apply_groups(groups, &ctx, commit, progress)?)
    }

    /// True when the store holds no IRO and no child.
    pub fn is_empty(&self) -> Result<bool, ApiError> {
        let caseload = self.store.load_caseload()?;
        Ok(caseload.iros.is_empty() && caseload.children.is_empty())
    }

    /// Fills an empty store with the synthetic demo caseload; returns the number of children.
    pub fn load_demo(&mut self, options: &DemoOptions) -> Result<usize, ApiError> {
        if !self.is_empty()? {
            return Err(ApiError::BadInput(
                "this store already holds data; give a new file with --db to load the demo"
                    .to_string(),
            ));
        }
        let changes = demo_changes(options);
        self.apply(&changes, options.as_of, None)?;
        Ok(self.store.load_caseload()?.children.len())
    }

    /// The IRO profiles.
    pub fn iros(&self) -> Result<Vec<IroRef>, ApiError> {
        Ok(self
            .store
            .load_iros()?
            .into_iter()
            .map(|i| IroRef {
                id: i.id,
                name: i.details.name,
            })
            .collect())
    }

    /// Finds an IRO by name: an exact (case-insensitive) match, or a unique partial match.
    pub fn find_iro(&self, name: &str) -> Result<IroRef, ApiError> {
        let iros = self.iros()?;
        let wanted = name.trim().to_lowercase();
        if let Some(exact) = iros.iter().find(|i| i.name.to_lowercase() == wanted) {
            return Ok(exact.clone());
        }
        let partial: Vec<&IroRef> = iros
            .iter()
            .filter(|i| i.name.to_lowercase().contains(&wanted))
            .collect();
        match partial.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(ApiError::BadInput(format!(
                "no IRO named '{name}'; the store has: {}",
                names(&iros)
            ))),
            many => Err(ApiError::BadInput(format!(
                "'{name}' matches several IROs: {}",
                many.iter()
                    .map(|i| i.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The warnings for `as_of`, for one IRO or everyone.
    pub fn warnings(&self, as_of: NaiveDate, iro: Option<IroId>) -> Result<WarningsView, ApiError> {
        let snap = self.snapshot()?;
        let warnings = compute_warnings(&snap.caseload, &snap.ctx(), as_of, iro);
        Ok(WarningsView {
            as_of,
            iro: iro.map(|id| snap.iro_ref(id)),
            counts: SeverityCounts::of(&warnings),
            warnings,
        })
    }

    /// The explanation of a warning row's due date, asked for when its "Why?" is opened: the
    /// child's record alone is read. Not found when the record no longer gives that date.
    pub fn explain_warning(&self, key: &WhyKey) -> Result<Explanation, ApiError> {
        let not_found = || ApiError::NotFound {
            what: format!("the due date of this warning for child {}", key.child),
        };
        let snap: Snapshot = self
            .store
            .load_child_snapshot(key.child)?
            .ok_or_else(not_found)?
            .into();
        crate::why::explanation(&snap, key).ok_or_else(not_found)
    }

    /// Writes its explanation into each row that has a "Why?" (`Warning::explanation`): what
    /// the CLI's JSON prints. The desktop asks for one row's at a time
    /// ([`App::explain_warning`]).
    pub fn explain_rows<'w>(
        &self,
        rows: impl IntoIterator<Item = &'w mut Warning>,
    ) -> Result<(), ApiError> {
        crate::why::explain_rows(&self.snapshot()?, rows);
        Ok(())
    }

    /// The Today screen: warnings grouped by urgency.
    pub fn today(&self, as_of: NaiveDate, iro: Option<IroId>) -> Result<TodayView, ApiError> {
        Ok(today_view(&self.snapshot()?, as_of, iro))
    }

    /// The disputes (DRP and multi-agency challenges) of one IRO's children or everyone's:
    /// open ones only, or all.
    pub fn disputes(
        &self,
        as_of: NaiveDate,
        open_only: bool,
        iro: Option<IroId>,
    ) -> Result<DisputesView, ApiError> {
        let filter = if open_only {
            DisputeFilter::Open
        } else {
            DisputeFilter::All
        };
        self.disputes_where(as_of, filter, iro)
    }

    /// The disputes of one IRO's children or everyone's, filtered (open, overdue, closed).
    pub fn disputes_where(
        &self,
        as_of: NaiveDate,
        filter: DisputeFilter,
        iro: Option<IroId>,
    ) -> Result<DisputesView, ApiError> {
        Ok(disputes_view(&self.snapshot()?, as_of, filter, iro))
    }

    /// The caseload screen: children with their next due date, and each IRO's load.
    pub fn caseload(&self, as_of: NaiveDate, iro: Option<IroId>) -> Result<CaseloadView, ApiError> {
        Ok(caseload_view(&self.snapshot()?, as_of, iro))
    }

    /// The participation codes that fit a child's age on a review date, and the suggestion.
    pub fn participation_options(
        &self,
        child: ChildId,
        held_on: NaiveDate,
    ) -> Result<ParticipationOptions, ApiError> {
        let record = self.store.load_child(child)?.ok_or(ApiError::NotFound {
            what: format!("child {child}"),
        })?;
        Ok(participation_options(&record, held_on))
    }

    /// The participation codes for a review held on a date by a child born on `born_on`, for
    /// a child being entered (not yet in the store).
    pub fn participation_options_born(
        &self,
        born_on: Option<NaiveDate>,
        held_on: NaiveDate,
    ) -> ParticipationOptions {
        crate::options::participation_options_born(born_on, held_on)
    }

    /// The store's settings in force (the defaults until set).
    pub fn settings_in_force(&self) -> Result<Settings, ApiError> {
        Ok(self.store.load_settings()?)
    }

    /// The letters to the child in use: the defaults, with the IRO's own wording of each band
    /// that has one.
    pub fn letter_templates(&self) -> Result<crate::LetterTemplates, ApiError> {
        Ok(crate::LetterTemplates::with_edits(
            &self.store.load_letter_templates()?,
        ))
    }

    /// The IRO profile the store belongs to (the default selection and the audit actor).
    pub fn owner(&self) -> Result<Option<IroId>, ApiError> {
        Ok(self.store.load_settings()?.owner)
    }

    /// The settings screen for a year's bank holidays.
    pub fn settings(&self, year: i32) -> Result<SettingsView, ApiError> {
        let setup = self.store.load_setup()?;
        let mut views = setup.rules.all();
        for r in &mut views {
            r.title = setup.settings.terminology.say(&r.title);
        }
        Ok(SettingsView {
            iros: setup.iros,
            rules: views,
            settings: setup.settings,
            year,
            holidays: setup.calendar.holidays_in_year(year),
            loaded_years: setup.calendar.loaded_years(),
            dispute_reasons: crate::options::reasons_in_use(
                setup.rules.reasons(),
                &setup.reason_counts,
            ),
            dispute_reasons_default: setup.rules.reasons() == &DisputeReasons::default(),
            letters: crate::options::letter_views(&setup.letter_templates),
            letter_placeholders: crate::options::letter_placeholders(),
        })
    }

    /// A calendar file (.ics) of a week or of every booked meeting, for Outlook.
    pub fn export_ics(
        &self,
        scope: IcsScope,
        as_of: NaiveDate,
        iro: Option<IroId>,
        stamp: chrono::DateTime<chrono::Utc>,
    ) -> Result<IcsExport, ApiError> {
        Ok(export_ics(&self.snapshot()?, scope, as_of, iro, stamp))
    }

    /// The week (Monday to Sunday) containing `day`, as it stands on `as_of` (today): booked
    /// meetings and deadlines.
    pub fn week(
        &self,
        as_of: NaiveDate,
        day: NaiveDate,
        iro: Option<IroId>,
    ) -> Result<WeekView, ApiError> {
        Ok(week_view(&self.snapshot()?, as_of, week_of(day), iro))
    }

    /// What a date chosen in the Book or Move form means: the due date and plan-by, a warning
    /// when it is after the due date, clashes in the IRO's diary, siblings who could join.
    pub fn booking_check(
        &self,
        as_of: NaiveDate,
        proposed: &caseload_core::booking::ProposedMeeting,
    ) -> Result<crate::BookingCheckView, ApiError> {
        let snap = self.snapshot()?;
        crate::booking::booking_check(&snap, as_of, proposed).ok_or(ApiError::NotFound {
            what: format!("child {}", proposed.child),
        })
    }

    /// One dispute's record: its timeline, clocks and warnings, and what its forms offer.
    pub fn dispute(&self, id: DisputeId, as_of: NaiveDate) -> Result<DisputeView, ApiError> {
        let snap = self.snapshot()?;
        dispute_view(&snap, id, as_of).ok_or(ApiError::NotFound {
            what: format!("dispute {id}"),
        })
    }

    /// One child's record, next due dates and warnings.
    pub fn child(&self, id: ChildId, as_of: NaiveDate) -> Result<ChildView, ApiError> {
        let snap = self.snapshot()?;
        child_view(&snap, id, as_of).ok_or(ApiError::NotFound {
            what: format!("child {id}"),
        })
    }

    /// How a report counts unless told otherwise: the defaults of domain.md §7, with the
    /// store's counting convention.
    pub fn report_options(&self) -> Result<ReportOptions, ApiError> {
        Ok(ReportOptions {
            convention: self.store.load_settings()?.convention,
            ..ReportOptions::DEFAULTS
        })
    }

    /// The report for `period` (a reporting year, quarter, month or any dates), beside the
    /// period before of the same length, for everyone or the IROs in `iros`, counted with
    /// `options` (else [`App::report_options`]), made on `as_of`: a period not over yet is taken
    /// as it stands that day.
    pub fn report(
        &self,
        period: &ReportPeriod,
        iros: &IroFilter,
        options: Option<ReportOptions>,
        as_of: NaiveDate,
    ) -> Result<AnnualReport, ApiError> {
        let snap = self.snapshot()?;
        let options = options.unwrap_or(ReportOptions {
            convention: snap.settings.convention,
            ..ReportOptions::DEFAULTS
        });
        if let IroFilter::Only { iros: ids } = iros {
            if let Some(unknown) = ids
                .iter()
                .find(|id| !snap.caseload.iros.iter().any(|i| i.id == **id))
            {
                return Err(ApiError::NotFound {
                    what: format!("IRO {unknown}"),
                });
            }
        }
        caseload_core::report::report_as_of(
            &snap.caseload,
            &snap.ctx(),
            period,
            &options,
            iros,
            as_of,
        )
        .ok_or_else(|| {
            ApiError::BadInput(format!(
                "{} is not a period the calendar can hold",
                period.label
            ))
        })
    }

    /// The calculator, with this store's bank holidays, local rule values and convention
    /// (unless a convention is given).
    pub fn due_date(
        &self,
        rule: RuleId,
        from: NaiveDate,
        convention: Option<Convention>,
    ) -> Result<DueDateView, ApiError> {
        let convention = match convention {
            Some(c) => c,
            None => self.store.load_settings()?.convention,
        };
        due_date(
            rule,
            from,
            convention,
            &self.store.load_calendar()?,
            &self.store.load_rules()?,
        )
    }

    /// A date field's text read the British way, counting "tomorrow" or "+3" from `as_of`.
    pub fn read_date(&self, text: &str, as_of: NaiveDate) -> Result<DateReading, ApiError> {
        Ok(read_date_field(text, as_of, &self.store.load_calendar()?))
    }

    /// The date picker's page for the month `any_day` is in.
    pub fn month_page(&self, any_day: NaiveDate, as_of: NaiveDate) -> Result<MonthPage, ApiError> {
        Ok(month_page(any_day, as_of, &self.store.load_calendar()?))
    }

    /// Imports a GOV.UK `bank-holidays.json` (England and Wales only); returns the years loaded.
    pub fn import_holidays(
        &mut self,
        bytes: &[u8],
        source: &str,
        as_of: NaiveDate,
    ) -> Result<Vec<i32>, ApiError> {
        let parsed = caseload_interop::holidays::parse_govuk_bank_holidays(bytes)
            .map_err(|e| ApiError::BadInput(e.to_string()))?;
        let mut years: Vec<i32> = parsed
            .iter()
            .map(|h| chrono::Datelike::year(&h.date))
            .collect();
        years.dedup();
        let change = Change::ImportHolidays {
            holidays: parsed
                .into_iter()
                .map(|h| HolidayRow {
                    date: h.date,
                    name: h.title,
                })
                .collect(),
            source: Some(source.to_string()),
        };
        self.apply(&[change], as_of, None)?;
        Ok(years)
    }

    /// The bank holidays of a year, with where each came from.
    pub fn holidays(&self, year: i32) -> Result<Vec<Holiday>, ApiError> {
        Ok(self.store.load_calendar()?.holidays_in_year(year))
    }

    /// The audit trail, newest first.
    pub fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>, ApiError> {
        Ok(self.store.audit(filter)?)
    }

    /// The audit screen: the newest changes that match, each with its fields before and after,
    /// and the store's children for the filter.
    pub fn audit_view(&self, query: &AuditQuery) -> Result<AuditView, ApiError> {
        let limit = query
            .limit
            .unwrap_or(DEFAULT_AUDIT_LIMIT)
            .clamp(1, MAX_AUDIT_LIMIT);
        // One more than shown tells whether there are more.
        let entries = self.store.audit(&AuditFilter {
            child: query.child,
            from_on: query.from_on,
            to_on: query.to_on,
            limit: Some(limit + 1),
        })?;
        let caseload = self.store.load_caseload()?;
        let mut children: Vec<ChildSummary> = caseload
            .children
            .iter()
            .map(|r| ChildSummary {
                id: r.child.id,
                name: r.child.details.display_name(),
            })
            .collect();
        children.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.id.cmp(&b.id))
        });
        let iros = self.store.load_iros()?;
        Ok(crate::audit::audit_view(entries, limit, children, |id| {
            iros.iter()
                .find(|i| i.id == id)
                .map_or_else(|| format!("IRO {id}"), |i| i.details.name.clone())
        }))
    }

    /// The closed cases with the day each record is kept until (only those past it when
    /// `due_only`), for the IRO to review.
    pub fn retention(&self, as_of: NaiveDate, due_only: bool) -> Result<RetentionView, ApiError> {
        Ok(retention::retention_view(
            &self.snapshot()?,
            as_of,
            due_only,
        ))
    }

    /// What deleting the records of `children` on `as_of` would delete, to show before asking
    /// for confirmation: their rows of the retention list, once each; refused as
    /// [`App::erase_children`] would refuse them.
    pub fn erasure_preview(
        &self,
        children: &[ChildId],
        as_of: NaiveDate,
    ) -> Result<Vec<RetentionRow>, ApiError> {
        let snap = self.snapshot()?;
        let wanted =
            retention::check_erasable(&snap, children, as_of).map_err(ApiError::Invalid)?;
        let view = retention::retention_view(&snap, as_of, true);
        Ok(wanted
            .iter()
            .filter_map(|id| view.rows.iter().find(|r| r.child.id == *id).cloned())
            .collect())
    }

    /// Deletes the records of `children` (after the IRO confirmed), each past retention on
    /// `as_of`, else nothing is deleted ([`ApiError::Invalid`] naming each refused child): every
    /// row of theirs and their audit rows, leaving a tombstone by `actor` under the retention
    /// in force; then the store is rewritten so no freed page keeps them.
    pub fn erase_children(
        &mut self,
        children: &[ChildId],
        as_of: NaiveDate,
        actor: Option<IroId>,
    ) -> Result<ErasureView, ApiError> {
        let snap = self.snapshot()?;
        let wanted =
            retention::check_erasable(&snap, children, as_of).map_err(ApiError::Invalid)?;
        let months = snap.settings.retention_months;
        let rule = serde_json::json!({
            "retention_months": months,
            "in_words": retention::rule_words(months),
            "past_retention_on": as_of,
        });
        let ctx = EraseContext {
            recorded_at: chrono::Utc::now(),
            actor,
            rule: &rule,
        };
        let erased = self.store.erase_children(&wanted, &ctx)?;
        Ok(ErasureView {
            erased: wanted
                .iter()
                .zip(erased)
                .map(|(&id, e)| ErasedRow {
                    name: retention::child_summary(&snap, id).name,
                    tombstone: e.tombstone,
                    deleted: retention::deleted_in_words(&e.deleted),
                })
                .collect(),
            backups_note: retention::BACKUPS_NOTE.to_string(),
        })
    }

    /// Every rule as in force, with default, source and local value.
    pub fn rules(&self) -> Result<Vec<RuleView>, ApiError> {
        Ok(self.store.load_rules()?.all())
    }
}

fn names(iros: &[IroRef]) -> String {
    if iros.is_empty() {
        return "no IROs".to_string();
    }
    iros.iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
