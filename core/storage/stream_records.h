// Stream records in stored form: the body of a log's stream-record entry and of a streams file
// record (core/doc/storage-format.md).
#pragma once

#include <string>

#include "storage/payload.h"
#include "store/stream.h"

namespace pd {

void writeStreamRecord(std::string& out, const std::string& streamArn, const StreamRecord& record);
// Reads the fields after the entry tag; returns the stream's ARN.
std::string readStreamRecord(PayloadReader& in, StreamRecord& record);

}  // namespace pd
