package textpass

import "testing"

// Every stage comes after the stages whose results it reads.
func TestStageOrder(t *testing.T) {
	at := map[string]int{}
	for i, st := range textStages {
		if _, dup := at[st.name]; dup {
			t.Errorf("stage %s twice", st.name)
		}
		at[st.name] = i
	}
	for i, st := range textStages {
		for _, dep := range st.after {
			j, ok := at[dep]
			switch {
			case !ok:
				t.Errorf("stage %s reads %s, which is no stage", st.name, dep)
			case j >= i:
				t.Errorf("stage %s reads %s, which runs after it", st.name, dep)
			}
		}
	}
}
