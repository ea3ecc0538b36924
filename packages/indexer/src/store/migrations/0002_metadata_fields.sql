-- A proposal document's description and option labels, served on `Proposal` beside its title.
-- Documents fetched before this migration get them from their stored content when the metadata
-- fetcher next starts (`createMetadataFetcher`), without a refetch.
ALTER TABLE metadata_documents ADD COLUMN description text;
--> statement-breakpoint
ALTER TABLE metadata_documents ADD COLUMN options jsonb;
