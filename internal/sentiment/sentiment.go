// Package sentiment scores the sentiment of short social-media texts.
//
// It has two layers. [Analyzer.Polarity] is a port of VADER (Hutto & Gilbert,
// "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social
// Media Text", ICWSM 2014) following the rules of the reference Python
// implementation: booster and dampener words, negation (including "n't",
// "never so" and "no"), the contrastive "but", ALL-CAPS emphasis when only
// some words are capitalised, "!" and "?" amplification, "kind of", "least",
// the special-case idioms, emoticons and emoji, and the normalisation
// x/sqrt(x²+15).
//
// [Analyzer.Complaint] builds on it for the question a compliance rule asks
// of a comment addressed to a hospital trust (policy 9.6.1: staff must not
// reply to negative comments about the Trust or its staff): is this comment
// negative? It corrects blind spots of VADER's lexicon in such comments and
// adds weighted complaint cues ("waited 6 hours", "still waiting", "nobody
// answers", "how is this acceptable", sarcastic "well done" next to a
// complaint, "not good enough", …) loaded from a plain text list, and turns
// the evidence into a probability.
//
// All word lists are data: the VADER lexicon, the emoji valences and the
// complaint cues with the decision's parameters are read from files under
// rules/lists/sentiment/ by [LoadWithOptions] or [LoadFS]. An [Analyzer] is
// immutable after loading and safe for concurrent use.
//
// VADER's rules and lexicon are Copyright (c) 2016 C.J. Hutto, MIT licence;
// rules/lists/sentiment/NOTICE gives the sources and licences.
package sentiment

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
)

// Scores are VADER's polarity scores of a text.
type Scores struct {
	// Neg, Neu and Pos are the proportions of the text's sentiment mass that
	// are negative, neutral and positive; they add up to 1 (±0.002 for
	// rounding), or are all 0 when the text has no words.
	Neg, Neu, Pos float64
	// Compound is the normalised sum of the word valences, in [-1, 1]. The
	// usual reading is negative at <= -0.05 and positive at >= 0.05.
	Compound float64
}

// An Analyzer scores texts. Build one with [Load], [LoadWithOptions] or
// [LoadFS]; it never changes afterwards and may be used from many goroutines.
type Analyzer struct {
	// words maps a lower-cased word, emoticon or emoji to its valence and
	// its part in VADER's rules.
	words map[string]wordInfo
	// emoji holds the runes given valences by the emoji list; they are split
	// from adjacent text as tokens of their own.
	emoji map[rune]bool
	cues  *cueSet
	model model
}

// LoadOptions are the optional lists read by [LoadWithOptions]. A nil reader
// leaves that list empty.
type LoadOptions struct {
	// Emoji is an emoji valence list: one emoji and its valence on the VADER
	// scale (-4 … +4) per line, separated by white space; anything after the
	// valence is a comment, as are lines starting with '#'.
	Emoji io.Reader
	// Cues is a complaint-cue list in the format described at
	// [Analyzer.Complaint]. Without one, Complaint relies on the VADER score
	// alone, with the default model parameters.
	Cues io.Reader
}

// The file names [LoadFS] reads.
const (
	LexiconFile = "vader_lexicon.txt"
	EmojiFile   = "emoji_valence.txt"
	CuesFile    = "complaint_cues.txt"
)

// Load reads a VADER lexicon (vader_lexicon.txt: one entry per line, the
// token, a tab, its mean valence, then further tab-separated fields that are
// ignored) and returns an Analyzer with no emoji list and no complaint cues.
// Errors name the offending line.
func Load(lexicon io.Reader) (*Analyzer, error) {
	return LoadWithOptions(lexicon, LoadOptions{})
}

// LoadWithOptions is [Load] with the emoji valence and complaint-cue lists of
// opts. Errors name the list and the offending line.
func LoadWithOptions(lexicon io.Reader, opts LoadOptions) (*Analyzer, error) {
	if lexicon == nil {
		return nil, errors.New("sentiment: no lexicon")
	}
	a := &Analyzer{emoji: map[rune]bool{}, model: defaultModel}
	lex, err := readLexicon(lexicon)
	if err != nil {
		return nil, err
	}
	if opts.Emoji != nil {
		if err := readEmoji(opts.Emoji, lex, a.emoji); err != nil {
			return nil, err
		}
	}
	a.cues = &cueSet{}
	if opts.Cues != nil {
		if a.cues, err = readCues(opts.Cues, &a.model); err != nil {
			return nil, err
		}
	}
	a.words = buildWords(lex, a.cues.neutral)
	return a, nil
}

// LoadFS loads the lists from directory dir of fsys: [LexiconFile], which must
// exist, and [EmojiFile] and [CuesFile] when present. For the project's
// lists, dir is rules/lists/sentiment.
func LoadFS(fsys fs.FS, dir string) (*Analyzer, error) {
	lex, err := fsys.Open(path.Join(dir, LexiconFile))
	if err != nil {
		return nil, fmt.Errorf("sentiment: %w", err)
	}
	defer lex.Close()
	var opts LoadOptions
	if f, err := fsys.Open(path.Join(dir, EmojiFile)); err == nil {
		defer f.Close()
		opts.Emoji = f
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("sentiment: %w", err)
	}
	if f, err := fsys.Open(path.Join(dir, CuesFile)); err == nil {
		defer f.Close()
		opts.Cues = f
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("sentiment: %w", err)
	}
	return LoadWithOptions(lex, opts)
}
