package pgdbg
import ("testing";"fmt";"github.com/rtp-tracker/rtp/internal/pgtest")
func TestX(t *testing.T){ c,err:=pgtest.Start(""); if err!=nil{t.Fatal(err)}; fmt.Println(c.Socket, c.Port, c.Bin); select{} }
