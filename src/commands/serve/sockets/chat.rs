//! `/ws/chat/{room}`: each text message a client sends goes to everyone in its room, the
//! sender included, as JSON; joins and leaves are announced to the others. A room is a tokio
//! broadcast channel: each member reads at its own pace, and one that falls behind skips what
//! it missed, and is told so, instead of holding the others up. Rooms, members and the
//! backlog are bounded, so a runaway client cannot make the server grow.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use futures_util::SinkExt;
use serde_json::{Value, json};
use tokio::sync::broadcast::{self, error::RecvError};
use yawc::{Frame, OpCode};

use super::Socket;
use super::sessions::{GOING_AWAY, close, finish, message, now, stopped};
use crate::commands::serve::exchange::{Step, Stopping, problem, set};

/// The clients one room takes; the next one gets 503.
const MAX_MEMBERS: usize = 100;
/// The rooms that may be open at once.
const MAX_ROOMS: usize = 64;
/// The messages a room keeps for its slowest reader before that reader skips some.
const BACKLOG: usize = 32;
const MAX_ROOM_NAME: usize = 64;

/// The open rooms, each removed when its last member leaves.
#[derive(Default)]
pub struct Rooms {
    hall: Arc<Mutex<Hall>>,
}

#[derive(Default)]
struct Hall {
    rooms: HashMap<String, Room>,
    /// The last guest number given: names are never reused while the server runs.
    guests: u64,
}

struct Room {
    sender: broadcast::Sender<Note>,
    members: usize,
}

/// A message as the room passes it on: JSON text, and the one member it is not for (a
/// join or a leave is news to the others only).
#[derive(Clone)]
struct Note {
    text: Bytes,
    not_for: Option<u64>,
}

fn lock(hall: &Mutex<Hall>) -> MutexGuard<'_, Hall> {
    // Every change to the hall is whole, so a poisoned lock is taken as it is.
    hall.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A room name from the path: letters, digits, `-`, `_` and `.`, at most 64.
pub fn room_name(name: &str) -> Step<String> {
    let fine = (1..=MAX_ROOM_NAME).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if fine {
        return Ok(name.to_owned());
    }
    let detail = format!(
        "a room name is 1 to {MAX_ROOM_NAME} letters, digits, '-', '_' or '.', not '{name}'"
    );
    Err(Box::new(problem(400, &detail)))
}

/// 503 with `Retry-After`: the room or the server is full for now.
fn full(detail: &str) -> Box<hyper::Response<crate::commands::serve::exchange::Body>> {
    let mut response = problem(503, detail);
    set(&mut response, hyper::header::RETRY_AFTER, "5");
    Box::new(response)
}

impl Rooms {
    /// A place in `room` for a new guest, opening the room if need be.
    pub fn join(&self, room: &str) -> Step<Member> {
        let mut hall = lock(&self.hall);
        if !hall.rooms.contains_key(room) && hall.rooms.len() >= MAX_ROOMS {
            return Err(full(&format!(
                "{MAX_ROOMS} chat rooms are open, the most hit serve keeps; join one of them \
                 or try again later"
            )));
        }
        hall.guests += 1;
        let guest = hall.guests;
        let entry = hall.rooms.entry(room.to_owned()).or_insert_with(|| Room {
            sender: broadcast::channel(BACKLOG).0,
            members: 0,
        });
        if entry.members >= MAX_MEMBERS {
            return Err(full(&format!(
                "the room {room} is full ({MAX_MEMBERS} clients); try another room"
            )));
        }
        entry.members += 1;
        Ok(Member {
            hall: Arc::clone(&self.hall),
            room: room.to_owned(),
            guest,
            online: entry.members,
            sender: entry.sender.clone(),
            receiver: entry.sender.subscribe(),
            announced: false,
        })
    }
}

/// One client's place in a room; leaving (dropping it) announces the leave and closes the
/// room when it was the last.
pub struct Member {
    hall: Arc<Mutex<Hall>>,
    room: String,
    guest: u64,
    /// The members when this one joined, itself included.
    online: usize,
    sender: broadcast::Sender<Note>,
    receiver: broadcast::Receiver<Note>,
    /// Whether the others were told of the join, and so are to be told of the leave.
    announced: bool,
}

impl Member {
    fn name(&self) -> String {
        format!("guest-{}", self.guest)
    }

    fn send(&self, value: &Value, not_for: Option<u64>) {
        let text = Bytes::from(value.to_string());
        // An error means nobody listens, which cannot be while this member does.
        let _ = self.sender.send(Note { text, not_for });
    }

    /// A client's message to the room: the `text` field of a JSON object that has one, else
    /// the message as it came.
    fn say(&self, message: &[u8]) {
        let message = String::from_utf8_lossy(message);
        let text = match serde_json::from_str::<Value>(&message) {
            Ok(Value::Object(object)) if object.contains_key("text") => object["text"].clone(),
            _ => Value::String(message.into_owned()),
        };
        let said = json!({"room": self.room, "from": self.name(), "text": text, "at": now()});
        self.send(&said, None);
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        let mut hall = lock(&self.hall);
        let Some(room) = hall.rooms.get_mut(&self.room) else {
            return;
        };
        room.members = room.members.saturating_sub(1);
        if room.members == 0 {
            hall.rooms.remove(&self.room);
        } else if self.announced {
            let left = json!({"room": self.room, "left": self.name()});
            self.send(&left, Some(self.guest));
        }
    }
}

/// The session: a welcome to the newcomer, the join to the others, then the room's messages
/// out and the client's in, until either side closes.
pub async fn talk(mut socket: Socket, mut stopping: Stopping, mut member: Member) {
    let welcome = json!({"room": member.room, "you": member.name(), "online": member.online});
    if socket.send(Frame::text(welcome.to_string())).await.is_err() {
        return;
    }
    let joined = json!({"room": member.room, "joined": member.name()});
    member.send(&joined, Some(member.guest));
    member.announced = true;
    loop {
        let text = tokio::select! {
            frame = message(&mut socket) => {
                match frame {
                    Some(frame) if frame.opcode() == OpCode::Text => member.say(frame.payload()),
                    Some(_) => {
                        let reason = "the chat takes text messages";
                        return close(&mut socket, 1003, reason).await;
                    }
                    None => return finish(&mut socket).await,
                }
                continue;
            }
            note = member.receiver.recv() => match note {
                Ok(note) if note.not_for == Some(member.guest) => continue,
                Ok(note) => note.text,
                Err(RecvError::Lagged(skipped)) => Bytes::from(json!({
                    "room": member.room,
                    "skipped": skipped,
                    "note": "you read more slowly than the room talks; these messages were skipped",
                }).to_string()),
                Err(RecvError::Closed) => return close(&mut socket, 1011, "the room closed").await,
            },
            () = stopped(&mut stopping) => return close(&mut socket, 1001, GOING_AWAY).await,
        };
        if socket.send(Frame::text(text)).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(refusal: Step<Member>) -> u16 {
        refusal
            .err()
            .map_or(0, |response| response.status().as_u16())
    }

    #[test]
    fn a_room_takes_100_clients_and_closes_with_its_last() {
        let rooms = Rooms::default();
        let members: Vec<Member> = (0..MAX_MEMBERS)
            .map(|_| rooms.join("full").ok().unwrap())
            .collect();
        assert_eq!(members.last().map(|m| m.online), Some(MAX_MEMBERS));
        assert_eq!(status(rooms.join("full")), 503);
        drop(members);
        assert!(lock(&rooms.hall).rooms.is_empty());
        assert_eq!(rooms.join("full").ok().map(|m| m.online), Some(1));
    }

    #[test]
    fn at_most_64_rooms_are_open_at_once() {
        let rooms = Rooms::default();
        let members: Vec<Member> = (0..MAX_ROOMS)
            .map(|n| rooms.join(&format!("room-{n}")).ok().unwrap())
            .collect();
        assert_eq!(status(rooms.join("one-more")), 503);
        assert!(
            rooms.join("room-0").is_ok(),
            "an open room still takes clients"
        );
        drop(members);
        assert!(rooms.join("one-more").is_ok());
    }

    #[test]
    fn a_slow_reader_skips_what_it_missed_and_the_others_are_not_held_up() {
        let rooms = Rooms::default();
        let (talker, mut slow) = (rooms.join("r").ok().unwrap(), rooms.join("r").ok().unwrap());
        for n in 0..BACKLOG + 5 {
            talker.say(format!("message {n}").as_bytes());
        }
        assert!(matches!(
            slow.receiver.try_recv(),
            Err(broadcast::error::TryRecvError::Lagged(5))
        ));
        let next = slow.receiver.try_recv().ok().unwrap();
        let said: Value = serde_json::from_slice(&next.text).unwrap();
        assert_eq!(said["text"], "message 5");
        assert_eq!(said["from"], talker.name());
    }

    #[test]
    fn room_names_are_short_and_plain() {
        assert_eq!(room_name("team-7_a.b").ok(), Some("team-7_a.b".to_owned()));
        for bad in ["", "a b", "ünï", &"x".repeat(65)] {
            assert!(room_name(bad).is_err(), "{bad:?}");
        }
    }
}
