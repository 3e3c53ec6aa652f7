// Query and Scan with IndexName: finding the index with DynamoDB's checks, the
// ExclusiveStartKey of an index read (the table's key plus the index's key attributes), and
// the entry-key range of a key condition.
#pragma once

#include <optional>
#include <string>

#include "api/reads/query_keys.h"
#include "api/reads/read_request.h"
#include "store/table.h"

namespace pd {

// The index a read names (null when it names none). Throws "The table does not have the
// specified index" (or, for a Scan with a start key, a bad start key), "Consistent reads are
// not supported on global secondary indexes", and ALL_ATTRIBUTES on a GSI that does not
// project everything.
const Index* findReadIndex(const Table& table, const ReadRequest& read, bool startKeyMeansBad);

// True when the read must take whole items from the table (ALL_ATTRIBUTES on such an LSI).
bool fetchesFromTable(const Index& index, const ReadRequest& read);

// The start key of an index read, checked as DynamoDB checks it; returns its entry key.
std::string indexStartKey(const TableSchema& table, const IndexSchema& index, const Item& startKey);

// The entry-key range of a key condition on the index.
KeyRange indexQueryRange(const QueryKey& key);

}  // namespace pd
