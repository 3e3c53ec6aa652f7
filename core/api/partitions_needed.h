// Which stored partitions a request will touch, worked out before it runs, so that a host whose
// storage is asynchronous (IndexedDB) can fetch their files first: the engine itself runs
// synchronously and cannot wait for a file in the middle of a request.
#pragma once

#include <map>
#include <set>
#include <string_view>

#include "store/database.h"

namespace pd {

// By table: the partitions a request reads or writes, or every partition (`whole`). It errs on
// the side of more: item requests and batches and transactions name their keys, a Query on the
// base table fixes its partition key; a Scan, an index read, a table description (its item
// count) and anything not understood take whole tables, and a request that names no table it
// can find takes every table. A request this cannot read takes every table too.
struct PartitionsNeeded {
  struct Of {
    bool whole = false;
    std::set<int> partitions;
  };
  std::map<const Table*, Of> tables;
};

PartitionsNeeded partitionsNeeded(const Database& db, std::string_view operation,
                                  std::string_view requestJson);

}  // namespace pd
