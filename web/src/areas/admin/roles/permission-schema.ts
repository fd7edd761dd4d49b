import { listCollections, SYSTEM_COLLECTION_FIELDS } from '../../../api/admin/collections';
import { readFields } from '../../../api/schema';

export interface CollectionForGrid {
  collection: string;
  note: string | null;
  system: boolean;
  fields: Array<{ field: string; type: string; custom: boolean }>;
}

/** The collections a permission can name, item collections first, each with its fields. */
export async function loadPermissionSchema(): Promise<CollectionForGrid[]> {
  const collections = await listCollections();
  const result = await Promise.all(
    collections.map(async (entry): Promise<CollectionForGrid> => {
      const system = entry.meta?.system ?? false;
      if (system) {
        const names = SYSTEM_COLLECTION_FIELDS[entry.collection] ?? [];
        return {
          collection: entry.collection,
          note: entry.meta?.note ?? null,
          system,
          fields: names.map((field) => ({ field, type: 'unknown', custom: false })),
        };
      }
      const fields = await readFields(entry.collection);
      return {
        collection: entry.collection,
        note: entry.meta?.note ?? null,
        system,
        fields: [...fields].sort((a, b) => a.meta.sort - b.meta.sort).map((field) => ({ field: field.field, type: field.type, custom: field.meta.custom })),
      };
    }),
  );
  return result.sort((a, b) => Number(a.system) - Number(b.system));
}
