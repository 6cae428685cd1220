-- Remember the language a session's pages are shown in (a reloaded page comes back in it).
-- Params: lang, id.
update web_sessions set lang = ? where id = ?;
