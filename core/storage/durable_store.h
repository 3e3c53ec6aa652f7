// Keeps a database on disk through an Env: a catalog file naming the live files, per-table
// partition files grouped by a hash of the partition key, write-ahead logs of the changes not in
// those files yet, and per-partition delta files (core/doc/storage-format.md). flush() appends
// one log record holding everything applied since the previous flush. Once the logs outgrow
// their budget, each flush also takes one checkpoint step: it rewrites a few partitions (those
// whose changes weigh as much as the partition), moves the changes of others out of the oldest
// log into delta files, writes a new catalog and starts a new log; a log is removed once every
// partition it changed has been rewritten or given a delta. So the logs stay about their budget
// (open reads them), a checkpoint never rewrites a whole table at once, and it rewrites a
// partition only when its changes weigh about its size.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "storage/change_log.h"
#include "storage/env.h"
#include "storage/partition_slots.h"
#include "store/database.h"

namespace pd {

struct StorageReport {
  std::size_t tables = 0;
  std::size_t items = 0;  // the items in memory after open (partitions load on first touch)
  // What this open found and dropped or repaired, by file. A partition file is read when first
  // touched: what that finds is in DurableStore::problemsSinceOpen() and kept with the database.
  std::vector<std::string> problems;
  std::uint64_t commit = 0;  // the number of the last commit loaded (0: none yet)
  // Every problem kept with the database (this open's and earlier ones') until acknowledged.
  std::vector<RecoveryProblem> unacknowledged;
};

class DurableStore : public PartitionLoader {
 public:
  explicit DurableStore(Env& env) : env_(env) {}

  // Loads the catalog and replays the log into `db` (which must be empty and must outlive the
  // store), and starts recording its changes. Partition files are read on first touch
  // (loadPartition). Writes nothing, so a database on a full disk still opens (for reading).
  // Damaged records are reported and left out; a damaged or missing catalog is rebuilt from the
  // copy its log starts with. Throws StorageError when the Env fails, or when the catalog cannot
  // be rebuilt: then no file is changed and nothing is loaded.
  StorageReport open(Database& db);

  // Reads one partition file into its table, then the log's changes to it (PartitionLoader). A
  // damaged or missing file is salvaged and reported as at open: in problemsSinceOpen() and in
  // the problems kept with the database. Throws StorageError when the Env fails to read.
  void loadPartition(const std::string& tableId, int partition) override;
  // Loads every partition of every table; returns how many items the tables then hold.
  std::size_t loadAll();
  // What loading partitions found since open, by file.
  const std::vector<std::string>& problemsSinceOpen() const { return problemsSinceOpen_; }
  // How many put and delete entries of the logs have been applied to tables since open (those of
  // partitions loaded at open, then those of each partition as it loads): for tests that check
  // that open leaves the changes to partitions not touched undecoded.
  std::uint64_t logEntriesApplied() const { return logEntriesApplied_; }
  // The sizes of the live partition and delta files the catalog knows (a file of format 1 or 2
  // has none),
  // so that a host can tell what is stored without reading the files.
  std::map<std::string, std::uint64_t> partitionFileSizes() const;

  // For hosts that read files asynchronously (partition_files.cpp): they fetch a partition's
  // files before the engine touches it. The files of `table`'s partition while it is not loaded
  // (none once loaded, or when nothing of it is stored): its file, then its deltas (and, for a
  // file of format 1 or 2, the deltas of every partition sharing the file, read with it).
  std::vector<std::string> unloadedFiles(const Table& table, int partition) const;
  // The files of every partition not loaded yet; with `checkpointOnly`, only those the next
  // checkpoint rewrites (the log changed them), when the next flush may checkpoint.
  std::vector<std::string> unloadedFiles(bool checkpointOnly);
  // Loads the partition stored in `name`, its file or one of its deltas (as on first touch);
  // false when no partition still on disk is stored there (it loaded meanwhile, or a checkpoint
  // replaced the file).
  bool loadFile(const std::string& name);

  // Makes every change since the last flush durable. Throws StorageError when the Env fails;
  // the store then refuses further flushes, since the files may hold part of the record.
  void flush(Database& db);
  // Logs the catalog after a request that may have changed tables, indexes, TTL, streams or the
  // kept recovery problems.
  void catalogChanged(Database& db);
  // Writes every partition the logs changed and a new catalog, and starts a new log: every older
  // log is then removed.
  void checkpoint(Database& db);

  // Bytes of logs up to which flush() takes no checkpoint step, or a sixteenth of the data's
  // partition files when that is more: about what open reads at most.
  void setLogBudget(std::uint64_t bytes) { logBudget_ = bytes; }
  // Partition bytes one checkpoint step rewrites at most (at least one partition, and more when
  // a flush brings more changes): what bounds the wait of a write behind a step.
  void setStepBudget(std::uint64_t bytes) { stepBudget_ = bytes; }
  // Item bytes kept in memory at most (0: no bound). trimToBudget() unloads the partitions
  // touched least recently until the tables hold no more than that, among those it can load
  // back exactly (memory_budget.cpp); a table read whole stays loaded. Returns how many it
  // unloaded. A host that stores files asynchronously calls it only when every write it was
  // handed is stored (what is unloaded is read back from there).
  void setMemoryBudget(std::uint64_t bytes) { memoryBudget_ = bytes; }
  std::uint64_t memoryBudget() const { return memoryBudget_; }
  // `keepFrom`: partitions touched at or after this count (PartitionLoader::touches) stay, as
  // requests still waiting for their other partitions to be fetched need them.
  std::size_t trimToBudget(std::uint64_t keepFrom = UINT64_MAX);
  // The item bytes the tables hold in memory.
  std::uint64_t loadedBytes() const;
  std::uint64_t generation() const { return generation_; }
  // The number of the last commit written: a flush that wrote one is durable once a reopen
  // reports a commit at least as high.
  std::uint64_t lastCommit() const { return commit_; }

 private:
  using PartitionKey = std::pair<std::string, int>;  // (table id, partition)
  // A log older than the current one, kept while a partition it changed is not rewritten.
  struct OlderLog {
    std::string name;
    std::uint64_t generation = 0;
    std::uint64_t bytes = 0;
    std::set<PartitionKey> changed;  // the partitions whose changes in it are not in their files
  };

  // Finds the newest generation that can be loaded and applies its catalog; the generations
  // newer than it that are leftovers of interrupted checkpoints go into `leftovers`.
  bool chooseGeneration(Database& db, StorageReport& report, std::vector<std::uint64_t>& leftovers);
  bool tryGeneration(Database& db, StorageReport& report, std::uint64_t generation,
                     const std::vector<std::string>& names, bool newest);
  void useCatalog(Database& db, const nlohmann::json& catalog, const std::string& logName);
  // Marks every table's stored partitions as not loaded yet (read on first touch).
  void deferPartitions(Database& db);
  // Applies a partition file's items or a delta's changes (by its name) to those of `partitions`;
  // returns the partitions it found records of.
  std::set<int> salvagePartition(Table& table, const std::string& name,
                                 const std::optional<std::string>& bytes,
                                 const std::set<int>& partitions,
                                 std::vector<std::string>& problems);
  void loadStreams(Database& db, StorageReport& report);
  void loadCounts(StorageReport& report);
  std::string writeCounts(const std::map<std::string, PartitionSlots>& partitions,
                          std::uint64_t generation);
  void replayLogs(Database& db, StorageReport& report);
  // Replays one log of generation `generation`; `current` for the log the catalog follows (the
  // older ones add only the item changes their partitions' files lack). Returns its size.
  std::uint64_t replayLog(Database& db, StorageReport& report, const std::string& name,
                          std::uint64_t generation, bool current);
  void replayRecord(Database& db, std::string_view payload, std::uint64_t generation, bool current);
  void applyItemEntry(Table& table, std::string_view entry);
  // Whether an item change in a log of generation `generation` is missing from its partition's
  // file (and then counts it as pending in that log).
  bool changeApplies(const std::string& tableId, int partition, std::uint64_t generation,
                     std::uint64_t bytes);
  void noteMissingCommits(std::string_view payload, std::uint64_t& last, bool& known,
                          const std::string& logName, StorageReport& report);
  void keepProblems(Database& db, const StorageReport& report);
  void removeReplaced(const std::vector<std::uint64_t>& leftovers);
  void appendNewStreamRecords(Database& db);
  // Takes the changes of the flush just written into the pending counts.
  void notePending();
  // After a flush: when the logs are past their budget, a checkpoint step.
  void maybeStep(Database& db, std::uint64_t flushBytes);
  struct StepPlan {
    std::set<PartitionKey> rewrite;   // partitions written whole (they must load first)
    std::set<PartitionKey> deltaOut;  // partitions whose logged changes go to a delta file
    bool retire = false;  // an older log goes (its changes are all out, or of deleted tables)
  };
  // One step: the ripe partitions (their changes weigh their size, or they have too many
  // deltas) are rewritten, most changed first; then the partitions that keep the oldest log alive
  // get a delta (or are rewritten when ripe), all within `budget` bytes.
  StepPlan chooseStep(Database& db, std::uint64_t budget) const;
  // Whether a partition with `pending` bytes of changes its file lacks is due for a rewrite.
  bool ripe(const PartitionKey& key, std::uint64_t pending) const;
  // Writes the partitions `plan->rewrite` (all those with changes when null), the deltas of
  // `plan->deltaOut`, the streams file, a new log and a new catalog, then removes what they
  // replaced.
  void step(Database& db, const StepPlan* plan);
  void writeDeltas(Database& db, std::map<std::string, PartitionSlots>& partitions,
                   const std::set<PartitionKey>& deltaOut, std::uint64_t generation);
  // Checkpoint parts: the partitions `rewrite` names and every partition of a table new since
  // the last checkpoint (the others keep their files), every stream record (its file name, ""
  // for none).
  std::map<std::string, PartitionSlots> writePartitions(Database& db, std::uint64_t generation,
                                                        const std::set<PartitionKey>& rewrite);
  std::uint64_t partitionBytes(const PartitionKey& key) const;
  std::set<std::string> liveFiles() const;
  std::string writeStreams(Database& db, std::uint64_t generation);
  // Every stream record so far counts as stored (after a load, or with a checkpoint).
  void markStreamsStored(Database& db);
  void guard();
  // The partitions the next flush may rewrite (a superset: flush() decides after appending).
  std::set<PartitionKey> partitionsNextFlushMayRewrite();

  Env& env_;
  // What the database's tables tell of their changes (db.changeSink points here once open),
  // not yet flushed.
  ChangeLog changes_;
  std::uint64_t generation_ = 0;
  std::uint64_t commit_ = 0;
  std::uint64_t logBytes_ = 0;  // of the current log
  std::uint64_t logBudget_ = 4u << 20;
  std::uint64_t stepBudget_ = 256u << 10;
  std::string catalogFile_, logFile_, streamsFile_;
  // The partitions' counts (for DescribeTable without loading) are written to their own file
  // every kCountsEvery checkpoint steps, or sooner when the table items or bytes they add up to
  // moved by more than 1/kCountsEvery; not with every catalog: they would cost a step's catalog
  // more than its partitions' changes under small steps.
  static constexpr std::uint64_t kCountsEvery = 16;
  std::string countsFile_;
  std::uint64_t countsAsOf_ = 0;
  ItemCounts countsTotal_;                            // what the counts file adds up to
  std::map<std::string, PartitionSlots> partitions_;  // by table id
  std::vector<OlderLog> olderLogs_;                   // oldest first
  std::set<PartitionKey> changedInLog_;               // what the current log changed
  // Bytes per partition of the changes its file lacks (in its deltas and in any live log).
  std::map<PartitionKey, std::uint64_t> pending_;
  // The put and delete entries of each partition in the live logs that its file and deltas lack
  // (what a delta of it would hold), in log order.
  std::map<PartitionKey, PartitionEntries> logged_;
  // A partition rewritten once it has this many deltas, so that a first touch reads few files
  // and the catalog stays small.
  static constexpr std::size_t kMaxDeltas = 32;
  // Deltas written this session for partitions not loaded then: their changes wait in overlays_
  // (they are the logs' changes read at open), so loading the partition does not read them.
  std::set<std::string> sessionDeltas_;
  static constexpr std::uint64_t kRipeFactor = 2;
  // The logs may grow to a sixteenth of the data when that is more than the log budget: a
  // partition then gets at most about 32 deltas (2 x 16) before its changes weigh twice its
  // file, each delta as big as the logs allow, so that few small deltas are written.
  static constexpr std::uint64_t kDataPerLogBudget = 16;
  std::uint64_t effectiveLogBudget() const;
  std::uint64_t memoryBudget_ = 0;
  // Partitions unloaded by trimToBudget(), with the entries of the deltas written for them since
  // (the logs' changes, held here rather than read back from a host that may still be writing
  // them): loading one applies its file and older deltas, these, then its logged_ changes.
  std::map<PartitionKey, PartitionEntries> unloaded_;
  bool canUnload(const PartitionKey& key);
  // Partitions read with a shared file of format 1 or 2 before their own first touch.
  std::set<PartitionKey> preloaded_;
  std::set<PartitionKey>* replayChanged_ = nullptr;  // the log being replayed: what it changed
  std::map<std::string, std::uint64_t> streamFlushedBelow_;  // by stream ARN
  Database* db_ = nullptr;                                   // the database open() loaded
  // The logs' changes to partitions not loaded at open, applied when they load: open only
  // checks each commit and notes which partition each put or delete entry is for, as a view of
  // the entry's bytes in the log read at open (kept while a partition still waits for it), so
  // that open decodes no item and copies none.
  struct PendingEntries {
    std::shared_ptr<const std::string> log;
    std::vector<std::string_view> entries;  // in log order
  };
  using Overlay = std::vector<PendingEntries>;
  std::map<std::pair<std::string, int>, Overlay> overlays_;
  std::shared_ptr<const std::string> replayBuffer_;  // the log being replayed
  std::uint64_t logEntriesApplied_ = 0;
  std::vector<std::string> problemsSinceOpen_;
  std::string lastCatalog_;
  bool failed_ = false;
  // The next flush writes a checkpoint instead of appending: there is no log yet, the log ends in
  // damage, or the catalog was rebuilt and must be written again.
  bool startNewLog_ = true;
  bool commitGapsKnown_ = true;  // whether commit_ is the number before the log's next commit
};

}  // namespace pd
