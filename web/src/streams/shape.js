// Stream records in the shape the caller asked for: as GetRecords returns them ('dynamodb'), or
// with Keys/NewImage/OldImage as plain JS values ('document'), as a DocumentClient returns items.
import { unmarshall } from '../marshall/marshall.js';

const IMAGES = ['Keys', 'NewImage', 'OldImage'];

/** @returns {(record: object) => object} */
export function recordShaper(shape, unmarshallOptions) {
  if (shape === 'dynamodb') return (record) => record;
  // Images are whole items: never the single-value form, whatever the client's options say.
  const options = { ...unmarshallOptions, convertWithoutMapWrapper: false };
  return (record) => {
    const dynamodb = { ...record.dynamodb };
    for (const name of IMAGES) {
      if (dynamodb[name] !== undefined) dynamodb[name] = unmarshall(dynamodb[name], options);
    }
    return { ...record, dynamodb };
  };
}
