package rules

// The rules and word lists that package cleaner looks up by name. Their
// logic is Go (kind structure, or a mechanism that uses the rule's
// category, field and examples); the packs give them their id and words.
// A built-in pack that lacks one of them fails the tests (CodeRules,
// CodeWords), so renaming one in a pack cannot silently turn a mechanism
// off.
const (
	IDTitleHeading      = "title.heading"
	IDTitleKicker       = "title.kicker"
	IDOutsideRegion     = "site.outside-region"
	IDOutsideArticle    = "site.outside-article"
	IDCorpusBoilerplate = "site.corpus-boilerplate"
	IDMoreLink          = "site.more-link"
	IDRepeatedHeadline  = "related.repeated-headline"
	IDTeaserCard        = "related.teaser-card"
	IDOfferBlock        = "appeal.offer-block"
	IDReadAlsoLabel     = "read_also.label"
	IDCommentSection    = "comments.html.section"
	IDCommentsHeading   = "comments.heading"
	IDRepeatedHeader    = "comments.header.repeated"
	IDLinkBlock         = "site.link-block"
	IDHTMLCards         = "related.html-cards"
	IDCallToAction      = "appeal.call-to-action"
	IDNewsletterCTA     = "newsletter.call-to-action"
	IDBylinePlaced      = "byline.placed"
	IDCaption           = "site.caption"
	IDBioThirdPerson    = "author.bio.third-person"
	IDOutsideColumn     = "site.outside-column"
	IDRepeatedParagraph = "site.repeated-paragraph"
	IDCommentPolicy     = "comments.policy"
	IDCopyright         = "site.copyright"
	IDFormField         = "site.form-field"
	IDCommentForm       = "comments.form"
	IDMediaChrome       = "site.media-chrome"
	IDEmbed             = "site.embed"
)

// CodeRules lists the rule ids the code looks up.
var CodeRules = []string{IDTitleHeading, IDTitleKicker, IDOutsideRegion, IDOutsideArticle, IDCorpusBoilerplate,
	IDMoreLink, IDRepeatedHeadline, IDTeaserCard, IDOfferBlock, IDReadAlsoLabel, IDCommentSection, IDCommentsHeading, IDRepeatedHeader, IDLinkBlock, IDHTMLCards, IDCallToAction, IDNewsletterCTA, IDBylinePlaced, IDCaption, IDBioThirdPerson, IDOutsideColumn, IDRepeatedParagraph, IDCommentPolicy, IDCopyright, IDFormField, IDCommentForm, IDMediaChrome, IDEmbed}

// MacroDate names the pattern macro of a written date, which the code
// looks for inside lines (Set.FindDate).
const MacroDate = "date"

// Word lists (list macros under define:) the code reads.
const (
	WordsNameJoiners    = "name_joiners"         // words between names in a byline ("and", "und")
	WordsBylinePrefixes = "byline_prefixes"      // what a byline starts with ("By", "Von")
	WordsNameParticles  = "name_particles"       // lower-case words inside names ("van", "de")
	WordsPlaceJoiners   = "place_joiners"        // between a commenter's name and place ("of", "aus", "-")
	WordsHTMLPositive   = "html_positive"        // class and id words of article containers
	WordsHTMLNegative   = "html_negative"        // class and id words of boilerplate
	WordsHTMLUnlikely   = "html_unlikely"        // class and id words of elements never content
	WordsHTMLMaybe      = "html_maybe"           // words that save an unlikely element
	WordsUnlikelyRoles  = "html_unlikely_roles"  // ARIA roles of page chrome (navigation, dialog)
	WordsContentRoles   = "html_content_roles"   // ARIA roles of the content (main, article)
	WordsHTMLContent    = "html_content"         // CSS selectors of an article's body, best first
	WordsUnspacedLangs  = "unspaced_languages"   // languages written without spaces
	WordsOrdinals       = "ordinal_suffixes"     // after a day's number ("1st", "2nd", "3e")
	WordsBylineEnds     = "byline_ends"          // what ends the names of a byline ("updated")
	WordsTimeEnds       = "time_ends"            // what a line that ends in a time ends with ("pm", "ago")
	WordsTimeUnits      = "time_units"           // the units of a relative time ("hours", "Tagen")
	WordsCTAAsk         = "cta_ask"              // the asks of a call to action (subscribe, donate)
	WordsCTAReader      = "cta_reader"           // words that address the reader (you, Sie, vous)
	WordsCTAUs          = "cta_us"               // words of the publication (we, our, free, €)
	WordsCTASelf        = "cta_self"             // words of the publication naming itself ("this story", "our")
	WordsCTAMeans       = "cta_means"            // words before an ask that is the means of an imperative ("by" subscribing)
	WordsCTALead        = "cta_lead"             // words that may stand before an imperative ask ("please", "so")
	WordsCTANewsletter  = "cta_newsletter"       // words that make an ask a newsletter's
	WordsReported       = "reported_speech"      // words of reported speech (said, urged)
	WordsRoleNouns      = "role_nouns"           // head nouns of a journalist's role ("reporter", "Redakteurin")
	WordsOrgWords       = "org_words"            // words of an organisation's name ("Inc", "Service")
	WordsDateUpdated    = "date_updated"         // words that mark an update's date ("updated", "aktualisiert")
	WordsCommentActions = "comment_actions"      // the buttons under a comment ("Reply", "Link to this")
	WordsComment        = "comment_words"        // class and id words of comment sections
	WordsCommentState   = "comment_state_words"  // class and id words that only say something about comments
	WordsCommentTalk    = "comment_talk"         // words that talk about commenting (comment, post, reply)
	WordsCommentActs    = "comment_acts"         // verbs a comment notice opens with (click, please, post)
	WordsCommentNotice  = "comment_notice_words" // words of a rule of the comments (closed, moderated, register)
	WordsCountNone      = "count_none"           // a declared count of none ("No comments", "Keine Kommentare")
	WordsPosting        = "posting_words"        // words of a comment's header besides name and time ("posted", "hace")
	WordsSpeech         = "comment_speech"       // what a comment's header says its author did ("said", "wrote")
)

// CodeWords lists the word lists the code reads.
var CodeWords = []string{WordsNameJoiners, WordsBylinePrefixes, WordsNameParticles, WordsPlaceJoiners, WordsHTMLPositive,
	WordsHTMLNegative, WordsHTMLUnlikely, WordsHTMLMaybe, WordsUnlikelyRoles, WordsContentRoles,
	WordsUnspacedLangs, WordsOrdinals, WordsBylineEnds, WordsTimeEnds, WordsTimeUnits, WordsCTAAsk, WordsCTAReader, WordsCTAUs, WordsCTASelf, WordsCTANewsletter, WordsReported, WordsRoleNouns, WordsOrgWords, WordsDateUpdated, WordsCommentActions, WordsComment, WordsCommentState, WordsCommentTalk, WordsCommentActs, WordsCommentNotice, WordsCountNone, WordsPosting, WordsSpeech}
