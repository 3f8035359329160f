//! The writes of the `cp_episodes` table: starting and changing a child-protection episode, and
//! what a conference's plan decision does to the episode open on the day it was held.

use super::written::{existing, misrouted, Written, NONE};
use crate::error::StoreError;
use crate::tables::cp_episodes;
use caseload_core::change::Change;
use caseload_core::domain::{CpEpisode, MeetingOutcome};
use caseload_core::ids::ChildId;
use rusqlite::Connection;

pub(super) fn write(conn: &Connection, change: &Change) -> Result<Written, StoreError> {
    match change {
        Change::StartCpEpisode { id, child, details } => {
            let id = cp_episodes::insert(conn, *id, *child, details)?;
            Written::new(Some(id.0), NONE, cp_episodes::get(conn, id)?.as_ref())
        }
        Change::UpdateCpEpisode { id, details } => {
            let before = existing(cp_episodes::get(conn, *id)?, "cp episode", id.0)?;
            cp_episodes::update(conn, *id, details)?;
            Written::new(
                Some(id.0),
                Some(&before),
                cp_episodes::get(conn, *id)?.as_ref(),
            )
        }
        _ => misrouted(change, "child-protection episodes"),
    }
}

/// What a conference's plan decision does to its child-protection episode (the episode open
/// on the day it was held): written here, in the same transaction as the meeting. The episode
/// before and after, when it changed.
pub(super) fn conference_effect(
    conn: &Connection,
    child: ChildId,
    outcome: &MeetingOutcome,
) -> Result<Option<(CpEpisode, CpEpisode)>, StoreError> {
    let (Some(decision), Some(held_on)) = (outcome.plan_decision, outcome.held_on) else {
        return Ok(None);
    };
    let episodes = cp_episodes::for_child(conn, child)?;
    let Some(episode) = episodes.into_iter().find(|e| e.is_open_on(held_on)) else {
        return Ok(None);
    };
    let Some(details) = episode
        .details
        .after_conference(decision, outcome.category, held_on)
    else {
        return Ok(None);
    };
    cp_episodes::update(conn, episode.id, &details)?;
    let after = existing(
        cp_episodes::get(conn, episode.id)?,
        "cp episode",
        episode.id.0,
    )?;
    Ok(Some((episode, after)))
}
