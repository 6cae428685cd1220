-- Schema version 4: an archived item still counts in pictures "as of" a day before its archiving.
-- Safe to run twice: it changes nothing any more.
-- Until issue 10 this redefined the items_as_of macro (001's, with archived items counted until the
-- day they were archived). Macros now live in queries/views/, re-created on every open after the
-- migrations, so this step is kept only to keep the numbering gapless: files that ran it are unchanged.
select 1;
