//! Admission control in front of the read path: at most `max_running`
//! GraphQL requests run at once, at most `max_queued` wait for a turn (in
//! arrival order), and any request beyond both is refused at once with
//! `Error::Busy` (HTTP 503, `Retry-After: 1`). Without it, a burst of heavy
//! requests shares the cores until every one of them reaches the time limit
//! together and nothing is served; with it, the requests that run finish, and
//! the clients refused learn so in a millisecond and may try again.
//!
//! The bounds are counted across all workers (one `Admission` per server).
//! The caller holds the returned permit while the request runs and wraps
//! waiting and running in the request's time limit, so a queued request
//! that never gets its turn ends in `TIMEOUT`, and dropping the request (a
//! timeout, a client gone) gives up its place in the queue.

use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::{Error, Result};

/// The running slots and the waiting line of one server.
#[derive(Debug)]
pub struct Admission {
    running: Semaphore,
    max_running: usize,
    queued: AtomicUsize,
    max_queued: usize,
}

impl Admission {
    /// Room for `max_running` requests at once (at least one) and
    /// `max_queued` waiting.
    pub fn new(max_running: usize, max_queued: usize) -> Admission {
        let max_running = max_running.clamp(1, Semaphore::MAX_PERMITS);
        Admission {
            running: Semaphore::new(max_running),
            max_running,
            queued: AtomicUsize::new(0),
            max_queued,
        }
    }

    /// A running slot, now or after the requests ahead in the queue;
    /// `Error::Busy` at once when the queue is full.
    pub async fn admit(&self) -> Result<SemaphorePermit<'_>> {
        // The semaphore hands a freed slot straight to the longest waiter,
        // so this succeeds only when nobody is waiting.
        if let Ok(permit) = self.running.try_acquire() {
            return Ok(permit);
        }
        let _place = self.enter_queue().ok_or(Error::Busy)?;
        self.running
            .acquire()
            .await
            .map_err(|_| Error::internal("the admission semaphore was closed"))
    }

    /// How many requests run now.
    pub fn running(&self) -> usize {
        self.max_running - self.running.available_permits()
    }

    /// How many requests wait for a slot now.
    pub fn queued(&self) -> usize {
        self.queued.load(Ordering::Relaxed)
    }

    /// Takes a place in the queue if one is free.
    fn enter_queue(&self) -> Option<Place<'_>> {
        self.queued
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.max_queued).then_some(n + 1)
            })
            .ok()
            .map(|_| Place(&self.queued))
    }
}

/// A place in the queue, given back when dropped: on admission, or when the
/// waiting request is dropped.
struct Place<'a>(&'a AtomicUsize);

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn beyond_the_running_slots_and_the_queue_a_request_is_refused_at_once() {
        let admission = Admission::new(1, 1);
        let running = admission.admit().await.unwrap();
        let mut waiting = Box::pin(admission.admit());
        // The second request waits: it has the one place in the queue.
        assert!(
            tokio::time::timeout(Duration::from_millis(20), &mut waiting)
                .await
                .is_err()
        );
        assert_eq!(admission.queued(), 1);
        assert!(matches!(admission.admit().await, Err(Error::Busy)));
        // The slot freed goes to the waiting request, which leaves the queue.
        drop(running);
        let second = waiting.await.unwrap();
        assert_eq!(admission.queued(), 0);
        drop(second);
        assert!(admission.admit().await.is_ok());
    }

    #[tokio::test]
    async fn a_waiting_request_that_is_dropped_gives_its_place_back() {
        let admission = Admission::new(1, 1);
        let _running = admission.admit().await.unwrap();
        let gave_up = tokio::time::timeout(Duration::from_millis(20), admission.admit()).await;
        assert!(gave_up.is_err());
        assert_eq!(admission.queued(), 0);
        let mut next = Box::pin(admission.admit());
        assert!(tokio::time::timeout(Duration::from_millis(20), &mut next)
            .await
            .is_err());
        assert_eq!(admission.queued(), 1);
    }

    #[tokio::test]
    async fn with_no_queue_only_the_running_slots_are_admitted() {
        let admission = Admission::new(2, 0);
        let _a = admission.admit().await.unwrap();
        let _b = admission.admit().await.unwrap();
        assert!(matches!(admission.admit().await, Err(Error::Busy)));
    }
}
