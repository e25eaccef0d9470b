package sentiment

import (
	"bufio"
	"fmt"
	"os"
	"testing"
)

func TestZZMineVader(t *testing.T) {
	path := os.Getenv("PROBE")
	if path == "" {
		t.Skip()
	}
	a, err := LoadFS(os.DirFS("../../rules/lists"), "sentiment")
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		c := a.Complaint(sc.Text())
		fmt.Printf("%.3f\t%.3f\n", c.Polarity.Compound, c.Probability)
	}
}
