//! Zero-filled buffers whose memory is written when they are made.
//!
//! `vec![0; n]` of a large `n` asks the allocator for zeroed memory, which
//! fresh pages from the kernel already are: they stay unmapped until touched,
//! a read maps the shared zero page, and the first write after it replaces
//! that page with a private one. Replacing a mapping flushes it from every
//! core running the process's threads (an inter-processor interrupt; very
//! costly in a virtual machine), once per page. Totals and histograms that
//! are read and then added to ([`AtomTotals`](super::AtomTotals), the
//! summary's histograms) would pay it on every page while the other threads
//! work; writing the zeros up front maps each page once, with no flush.

/// `n` zeros, written now (see the module's documentation).
pub fn written_zeros<T: Copy + Default>(n: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(n);
    // Keep the compiler from turning the allocation and the writes below
    // into one request for zeroed memory (the lazily mapped pages again).
    std::hint::black_box(v.as_mut_ptr());
    v.resize(n, T::default());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_zeros_are_zeros_of_the_length_asked() {
        let v: Vec<u32> = written_zeros(100_000);
        assert_eq!(v.len(), 100_000);
        assert!(v.iter().all(|&x| x == 0));
        assert!(written_zeros::<i128>(0).is_empty());
    }
}
