package main

import (
	"sort"
	"strings"
)

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of two neighbours each cost one, so
// "sedn" is one step from "send".
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// byCloseness sorts names by their distance to word, closest first (ties
// alphabetically).
func byCloseness(word string, names []string) []string {
	out := append([]string(nil), names...)
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := editDistance(word, out[i]), editDistance(word, out[j])
		if di != dj {
			return di < dj
		}
		return out[i] < out[j]
	})
	return out
}

// closest is the candidate a typo most likely meant, or "" when none is
// near: within a third of the word's length (at least one edit), or a
// prefix of it.
func closest(word string, candidates []string) string {
	if len(candidates) == 0 || word == "" {
		return ""
	}
	best := byCloseness(word, candidates)[0]
	limit := max(1, len([]rune(word))/3)
	if editDistance(word, best) <= limit {
		return best
	}
	for _, c := range candidates {
		if len(word) >= 2 && strings.HasPrefix(c, word) {
			return c
		}
	}
	return ""
}
