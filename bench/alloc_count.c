// Counts the heap allocations of a process, and the reference-count calls
// it makes into the Swift runtime: LD_PRELOAD=alloc_count.so avail ...
// prints "allocations N", "refcounts M" (calls to swift_retain,
// swift_release and their bridge-object forms, from the program itself:
// the runtime's own calls do not go through the interposable symbols) and
// "counted K" (those of the M calls that count a heap object: not the ones on
// nil, on a tagged value such as a string literal, or on the runtime's
// immortal empty array, dictionary and set, which return without an atomic
// operation) to the file named by ALLOC_COUNT_OUT at exit. bench/run runs
// avail on N valid records and on none, and reports the differences divided
// by N: the allocations and reference-count calls per valid record.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_long count;
static atomic_long refcounts;
static atomic_long counted;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);

// dlsym itself may call calloc before real_calloc is known: served from here.
static char bootstrap[4096];
static size_t bootstrap_used;

static void resolve(void) {
    if (real_malloc) return;
    real_calloc = dlsym(RTLD_NEXT, "calloc");
    real_realloc = dlsym(RTLD_NEXT, "realloc");
    real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
    real_memalign = dlsym(RTLD_NEXT, "memalign");
    real_malloc = dlsym(RTLD_NEXT, "malloc");
}

void *malloc(size_t n) {
    resolve();
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return real_malloc(n);
}

void *calloc(size_t k, size_t n) {
    if (!real_calloc) {
        size_t size = (k * n + 15) & ~(size_t)15;
        if (real_malloc == NULL && bootstrap_used + size <= sizeof bootstrap) {
            void *p = bootstrap + bootstrap_used;
            bootstrap_used += size;
            return p;
        }
        resolve();
    }
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return real_calloc(k, n);
}

void *realloc(void *p, size_t n) {
    resolve();
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return real_realloc(p, n);
}

int posix_memalign(void **p, size_t align, size_t n) {
    resolve();
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return real_posix_memalign(p, align, n);
}

void *aligned_alloc(size_t align, size_t n) {
    resolve();
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return real_aligned_alloc(align, n);
}

void *memalign(size_t align, size_t n) {
    resolve();
    atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
    return real_memalign(align, n);
}

void free(void *p) {
    static void (*real_free)(void *);
    if ((char *)p >= bootstrap && (char *)p < bootstrap + sizeof bootstrap) return;
    if (!real_free) real_free = dlsym(RTLD_NEXT, "free");
    real_free(p);
}

typedef void *(*refcount_fn)(void *);

// The runtime's immortal empty collections, found once.
static void *empty_array, *empty_dictionary, *empty_set;
static int empties_found;

static void tally(void *object) {
    atomic_fetch_add_explicit(&refcounts, 1, memory_order_relaxed);
    if (!object) return;
    if (!empties_found) {
        empty_array = dlsym(RTLD_DEFAULT, "_swiftEmptyArrayStorage");
        empty_dictionary = dlsym(RTLD_DEFAULT, "_swiftEmptyDictionarySingleton");
        empty_set = dlsym(RTLD_DEFAULT, "_swiftEmptySetSingleton");
        empties_found = 1;
    }
    if (object == empty_array || object == empty_dictionary || object == empty_set) return;
    atomic_fetch_add_explicit(&counted, 1, memory_order_relaxed);
}

// A bridge object's pointer: nil for a tagged value (the top bit set: a small
// or immortal string), else the object without its spare bits.
static void *bridged(void *object) {
    uintptr_t bits = (uintptr_t)object;
    if (bits & 0x8000000000000000ULL) return NULL;
    return (void *)(bits & 0x00FFFFFFFFFFFFF8ULL);
}

void *swift_retain(void *object) {
    static refcount_fn real;
    if (!real) real = (refcount_fn)dlsym(RTLD_NEXT, "swift_retain");
    tally(object);
    return real(object);
}

void *swift_bridgeObjectRetain(void *object) {
    static refcount_fn real;
    if (!real) real = (refcount_fn)dlsym(RTLD_NEXT, "swift_bridgeObjectRetain");
    tally(bridged(object));
    return real(object);
}

void swift_release(void *object) {
    static refcount_fn real;
    if (!real) real = (refcount_fn)dlsym(RTLD_NEXT, "swift_release");
    tally(object);
    real(object);
}

void swift_bridgeObjectRelease(void *object) {
    static refcount_fn real;
    if (!real) real = (refcount_fn)dlsym(RTLD_NEXT, "swift_bridgeObjectRelease");
    tally(bridged(object));
    real(object);
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("ALLOC_COUNT_OUT");
    if (!path) return;
    FILE *f = fopen(path, "w");
    if (!f) return;
    fprintf(f, "allocations %ld\nrefcounts %ld\ncounted %ld\n", atomic_load(&count), atomic_load(&refcounts), atomic_load(&counted));
    fclose(f);
}
