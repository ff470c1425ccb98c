//! The scripts' allocator: Rust's, held to the run's memory limit, and saying when it
//! refused an allocation. QuickJS throws `null` when it cannot even make the error, so
//! what a script throws cannot tell running out of memory from `throw null`.

use std::cell::Cell;
use std::ptr;
use std::rc::Rc;

use rquickjs::allocator::{Allocator, RustAllocator};

/// Rust's allocator, refusing what would take the memory in use past `limit`.
pub struct Bounded {
    limit: usize,
    used: usize,
    /// Set on a refused allocation; the engine clears it before each script.
    refused: Rc<Cell<bool>>,
}

impl Bounded {
    pub fn new(limit: usize, refused: Rc<Cell<bool>>) -> Bounded {
        Bounded {
            limit,
            used: 0,
            refused,
        }
    }

    /// Whether `more` bytes fit; when not, the refusal is recorded.
    fn fits(&self, more: usize) -> bool {
        let fits = self.used.saturating_add(more) <= self.limit;
        if !fits {
            self.refused.set(true);
        }
        fits
    }

    /// Counts a new allocation (none when it failed).
    fn count(&mut self, ptr: *mut u8) -> *mut u8 {
        if ptr.is_null() {
            self.refused.set(true);
        } else {
            // SAFETY: `ptr` was just allocated by `RustAllocator`.
            self.used += unsafe { RustAllocator::usable_size(ptr) };
        }
        ptr
    }
}

// SAFETY: every pointer handed out comes from `RustAllocator`, which upholds the trait's
// contract; this only counts and refuses.
unsafe impl Allocator for Bounded {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if !self.fits(size) {
            return ptr::null_mut();
        }
        let ptr = RustAllocator.alloc(size);
        self.count(ptr)
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        if !self.fits(count.saturating_mul(size)) {
            return ptr::null_mut();
        }
        let ptr = RustAllocator.calloc(count, size);
        self.count(ptr)
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        // SAFETY: the caller passes a pointer this allocator handed out.
        unsafe {
            self.used -= RustAllocator::usable_size(ptr);
            RustAllocator.dealloc(ptr);
        }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        // SAFETY: the caller passes a pointer this allocator handed out.
        let old = unsafe { RustAllocator::usable_size(ptr) };
        if new_size > old && !self.fits(new_size - old) {
            return ptr::null_mut();
        }
        // SAFETY: as above; on failure the old allocation stays, still counted.
        let new = unsafe { RustAllocator.realloc(ptr, new_size) };
        if new.is_null() {
            self.refused.set(true);
        } else {
            self.used = self.used - old + unsafe { RustAllocator::usable_size(new) };
        }
        new
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: the caller passes a pointer this allocator handed out.
        unsafe { RustAllocator::usable_size(ptr) }
    }
}
