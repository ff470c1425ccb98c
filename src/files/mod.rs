//! Files hit reads and writes beside the exchange: those only their owner may read
//! (profiles, cookie jars) and paths that may name a FIFO, a device or a link.

pub mod private;
pub mod special;
