//! The connection's two directions driven together: frames queued to send go out while the
//! next frame is awaited, so a server that writes while hit writes never deadlocks it.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Sink;
use yawc::frame::Frame;
use yawc::{WebSocket, WebSocketError};

/// Frames queued beyond this many wait for the connection before more input is read.
const ROOM: usize = 64;

pub struct Wire {
    ws: WebSocket<reqwest::Upgraded>,
    outbox: VecDeque<Frame>,
    unflushed: bool,
}

impl Wire {
    pub fn new(ws: WebSocket<reqwest::Upgraded>) -> Wire {
        Wire {
            ws,
            outbox: VecDeque::new(),
            unflushed: false,
        }
    }

    /// Queues FRAME; it goes out as the wire is polled.
    pub fn queue(&mut self, frame: Frame) {
        self.outbox.push_back(frame);
    }

    /// Whether more input may be queued.
    pub fn has_room(&self) -> bool {
        self.outbox.len() < ROOM
    }

    /// Sends what is queued as far as the connection takes it, then gives the next frame
    /// received.
    pub fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Result<Frame, WebSocketError>> {
        if let Err(err) = self.poll_send(cx) {
            return Poll::Ready(Err(err));
        }
        self.ws.poll_next_frame(cx)
    }

    /// Ready once everything queued has been written out.
    pub fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), WebSocketError>> {
        self.poll_send(cx)?;
        if self.outbox.is_empty() && !self.unflushed {
            Poll::Ready(Ok(()))
        } else {
            Poll::Pending
        }
    }

    fn poll_send(&mut self, cx: &mut Context<'_>) -> Result<(), WebSocketError> {
        let mut ws = Pin::new(&mut self.ws);
        while !self.outbox.is_empty() {
            match ws.as_mut().poll_ready(cx) {
                Poll::Ready(Ok(())) => {
                    if let Some(frame) = self.outbox.pop_front() {
                        ws.as_mut().start_send(frame)?;
                        self.unflushed = true;
                    }
                }
                Poll::Ready(Err(err)) => return Err(err),
                Poll::Pending => return Ok(()),
            }
        }
        if self.unflushed {
            match ws.poll_flush(cx) {
                Poll::Ready(Ok(())) => self.unflushed = false,
                Poll::Ready(Err(err)) => return Err(err),
                Poll::Pending => {}
            }
        }
        Ok(())
    }
}
