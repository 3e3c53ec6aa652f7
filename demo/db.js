// Opens the playground's database the way an app would: IndexedDB ('idb') when the package
// supports it, else memory, remembering why so the storage panel can say "not persisted".
import { PocketDynamo, DynamoDBDocument } from '../web/src/index.js';

export const DATABASE_NAME = 'playground';

/**
 * @returns {Promise<{ db: import('../web/src/index.js').PocketDynamoDatabase, doc: DynamoDBDocument,
 *   persisted: boolean, fallbackReason?: string }>}
 */
export async function openDatabase() {
  try {
    const db = await PocketDynamo.open({ name: DATABASE_NAME, storage: 'idb' });
    return { db, doc: documentClient(db), persisted: true };
  } catch (error) {
    // Every tab shares the database (one owns it, the others ask it); this is for a browser
    // without Web Locks, or a storage failure.
    const fallbackReason = error?.name === 'DatabaseLockedError'
      ? `another tab or window has the playground's database open (${error.name}: ${error.message}); this tab works in memory`
      : `PocketDynamo.open with storage 'idb' said: ${error?.message ?? String(error)}`;
    const db = await PocketDynamo.open({ name: DATABASE_NAME, storage: 'memory' });
    return { db, doc: documentClient(db), persisted: false, fallbackReason };
  }
}

// Numbers come back as NumberValue so that no digit is lost on the way to the screen.
const documentClient = (db) => DynamoDBDocument.from(db, {
  marshallOptions: { removeUndefinedValues: true },
  unmarshallOptions: { wrapNumbers: true },
});
