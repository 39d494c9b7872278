/*
** cuda/alloc.cu — the caching device allocator (PyTorch's CUDACachingAllocator in miniature):
** sizes round up to 512 bytes, a freed block goes to its device's cache and the next request of
** the same rounded size takes it back without cudaMalloc/cudaFree (a training step frees and
** reallocates the same sizes every iteration). One stream per device orders all work, so a block
** freed on the host can be handed out again at once. Not done: splitting large cached blocks for
** smaller requests, per-stream pools (there is one stream), the expandable segments of later
** PyTorch releases. Out of memory: the device's cache is emptied and cudaMalloc retried once,
** then PyTorch's "CUDA out of memory. Tried to allocate ..." RuntimeError.
*/
#include <stdio.h>

#include <map>
#include <mutex>

#include "cuda/internal.cuh"

#define CU_MAX_DEVICES 64
#define ROUND 512

struct dev_pool {
  std::multimap<size_t, void *> cached;   /* rounded size -> block, unused */
  int64_t allocated, peak_allocated;      /* bytes in live blocks */
  int64_t reserved, peak_reserved;        /* live + cached */
};

static std::mutex lock;
static dev_pool pools[CU_MAX_DEVICES];
static char empty_block;   /* the pointer of 0-byte storages: never dereferenced, never freed */

static size_t round_size(size_t n) { return (n + ROUND - 1) / ROUND * ROUND; }

/* c10's format_size */
static void format_size(char *buf, size_t n, uint64_t size) {
  if (size <= 1024) snprintf(buf, n, "%llu bytes", (unsigned long long)size);
  else if (size <= 1048576) snprintf(buf, n, "%.2f KiB", size / 1024.0);
  else if (size <= 1073741824ull) snprintf(buf, n, "%.2f MiB", size / 1048576.0);
  else snprintf(buf, n, "%.2f GiB", size / 1073741824.0);
}

/* Frees the cached blocks of one device (lock held). */
static void release_cached(int dev) {
  dev_pool &p = pools[dev];
  for (auto &kv : p.cached) {
    cudaFree(kv.second);
    p.reserved -= (int64_t)kv.first;
  }
  p.cached.clear();
  cudaGetLastError();
}

static int resolve(int device) {
  if (device >= 0) return device;
  int d = 0;
  if (cudaGetDevice(&d) != cudaSuccess) {
    cudaGetLastError();
    d = 0;
  }
  return d;
}

void *cu_alloc(size_t nbytes, int device) {
  if (cu_use_device(device, NULL)) return NULL;
  if (nbytes == 0) return &empty_block;
  int dev = resolve(device);
  size_t size = round_size(nbytes);
  std::lock_guard<std::mutex> g(lock);
  dev_pool &p = pools[dev];
  void *ptr = NULL;
  auto it = p.cached.find(size);
  if (it != p.cached.end()) {
    ptr = it->second;
    p.cached.erase(it);
  } else {
    cudaError_t e = cudaMalloc(&ptr, size);
    if (e == cudaErrorMemoryAllocation) {
      cudaGetLastError();
      cudaDeviceSynchronize();
      release_cached(dev);
      e = cudaMalloc(&ptr, size);
    }
    if (e != cudaSuccess) {
      cudaGetLastError();
      if (e != cudaErrorMemoryAllocation) {
        CU_CHECK(e);
        return NULL;
      }
      size_t free_b = 0, total_b = 0;
      cudaMemGetInfo(&free_b, &total_b);
      cudaGetLastError();
      char want[32], total[32], alloc[32], fr[32], res[32];
      format_size(want, sizeof want, nbytes);
      format_size(total, sizeof total, total_b);
      format_size(alloc, sizeof alloc, (uint64_t)p.allocated);
      format_size(fr, sizeof fr, free_b);
      format_size(res, sizeof res, (uint64_t)p.reserved);
      ten_error_set(TEN_E_RUNTIME,
                    "CUDA out of memory. Tried to allocate %s (GPU %d; %s total capacity; %s already allocated; %s free; "
                    "%s reserved in total by PyTorch) If reserved memory is >> allocated memory try setting "
                    "max_split_size_mb to avoid fragmentation.  See documentation for Memory Management and "
                    "PYTORCH_CUDA_ALLOC_CONF",
                    want, dev, total, alloc, fr, res);
      return NULL;
    }
    p.reserved += (int64_t)size;
    if (p.reserved > p.peak_reserved) p.peak_reserved = p.reserved;
  }
  p.allocated += (int64_t)size;
  if (p.allocated > p.peak_allocated) p.peak_allocated = p.allocated;
  return ptr;
}

void cu_free(void *ptr, size_t nbytes, int device) {
  if (!ptr || ptr == &empty_block) return;
  int dev = resolve(device);
  size_t size = round_size(nbytes);
  std::lock_guard<std::mutex> g(lock);
  dev_pool &p = pools[dev];
  p.allocated -= (int64_t)size;
  p.cached.insert(std::make_pair(size, ptr));
}

/* ---- statistics (torch.cuda.memory_*) ---- */

static dev_pool *pool_of(int index) {
  if (index < 0) {
    if (!cu_is_initialized()) return NULL;
    index = resolve(-1);
  }
  return index < CU_MAX_DEVICES ? &pools[index] : NULL;
}

extern "C" int64_t cu_memory_allocated(int index) {
  std::lock_guard<std::mutex> g(lock);
  dev_pool *p = pool_of(index);
  return p ? p->allocated : 0;
}

extern "C" int64_t cu_max_memory_allocated(int index) {
  std::lock_guard<std::mutex> g(lock);
  dev_pool *p = pool_of(index);
  return p ? p->peak_allocated : 0;
}

extern "C" int64_t cu_memory_reserved(int index) {
  std::lock_guard<std::mutex> g(lock);
  dev_pool *p = pool_of(index);
  return p ? p->reserved : 0;
}

extern "C" int64_t cu_max_memory_reserved(int index) {
  std::lock_guard<std::mutex> g(lock);
  dev_pool *p = pool_of(index);
  return p ? p->peak_reserved : 0;
}

extern "C" void cu_reset_peak_memory_stats(int index) {
  std::lock_guard<std::mutex> g(lock);
  dev_pool *p = pool_of(index);
  if (!p) return;
  p->peak_allocated = p->allocated;
  p->peak_reserved = p->reserved;
}

extern "C" void cu_empty_cache(void) {
  if (!cu_is_initialized()) return;
  int cur = resolve(-1);
  std::lock_guard<std::mutex> g(lock);
  for (int d = 0; d < CU_MAX_DEVICES && d < cu_device_count(); d++) {
    if (pools[d].cached.empty()) continue;
    cudaSetDevice(d);
    cudaDeviceSynchronize();
    release_cached(d);
  }
  cudaSetDevice(cur);
  cudaGetLastError();
}
