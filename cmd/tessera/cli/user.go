package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"tessera/coding"
	"tessera/coding/datadir"
)

// userCommands are the subcommands of user.
var userCommands = []command{
	{name: "add", args: "--data DIR [--admin] NAME", summary: "Add an account; the password is read from the terminal, or from the first line of standard input", flags: userAddCommand},
	{name: "list", args: "--data DIR", summary: "List the accounts", flags: userCommand(false, (*Main).userList)},
	{name: "disable", args: "--data DIR NAME", summary: "Disable an account and end its sessions", flags: userCommand(true, (*Main).userDisable)},
	{name: "enable", args: "--data DIR NAME", summary: "Enable a disabled account", flags: userCommand(true, (*Main).userEnable)},
	{name: "reset", args: "--data DIR NAME", summary: "Set a new password (read like add's) and end the account's sessions", flags: userCommand(true, (*Main).userReset)},
}

// userCommand declares the flag --data of a user subcommand and returns
// what opens the data directory and runs do on it, with the username
// argument when withName (list takes none).
func userCommand(withName bool, do func(m *Main, ctx context.Context, d *datadir.Dir, name string) error) func(*flag.FlagSet) runFunc {
	return func(fs *flag.FlagSet) runFunc {
		dir := fs.String("data", defaultDataDir, "data `directory` (created if missing)")
		return func(ctx context.Context, m *Main, args []string) error {
			name := ""
			switch {
			case !withName:
				if err := noArgs(args); err != nil {
					return err
				}
			case len(args) != 1:
				fs.Usage()
				return coding.Errorf(coding.EINVALID, "give exactly one username")
			default:
				name = args[0]
			}
			a, err := datadir.Open(ctx, *dir, datadir.Options{})
			if err != nil {
				return err
			}
			defer a.Close()
			return do(m, ctx, a, name)
		}
	}
}

// userAddCommand declares the flags of user add.
func userAddCommand(fs *flag.FlagSet) runFunc {
	admin := fs.Bool("admin", false, "make the account an administrator")
	return userCommand(true, func(m *Main, ctx context.Context, d *datadir.Dir, name string) error {
		return m.userAdd(ctx, d, name, *admin)
	})(fs)
}

// userAdd adds an account.
func (m *Main) userAdd(ctx context.Context, a *datadir.Dir, name string, admin bool) error {
	name, err := coding.NormalizeUsername(name)
	if err != nil {
		return err
	}
	if _, err := a.Store.FindUser(ctx, name); err == nil {
		return coding.Errorf(coding.ECONFLICT, "a user named %q already exists", name)
	}
	hash, err := m.newPassword(name)
	if err != nil {
		return err
	}
	u := &coding.User{Username: name, PasswordHash: hash, Admin: admin}
	if err := a.Store.CreateUser(ctx, u); err != nil {
		return err
	}
	kind := "user"
	if admin {
		kind = "administrator"
	}
	fmt.Fprintf(m.Stdout, "added %s %s\n", kind, u.Username)
	return nil
}

// userList prints the accounts as a table.
func (m *Main) userList(ctx context.Context, a *datadir.Dir, _ string) error {
	users, err := a.Store.ListUsers(ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintf(m.Stderr, "no accounts in %s; add one with tessera user add --data %s --admin NAME\n", a.Path, a.Path)
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tADMIN\tDISABLED\tCREATED")
	for _, u := range users {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Username, yesNo(u.Admin), yesNo(u.Disabled), u.CreatedAt.Format("2006-01-02"))
	}
	return tw.Flush()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// userDisable disables an account, ending its sessions.
func (m *Main) userDisable(ctx context.Context, a *datadir.Dir, name string) error {
	yes := true
	u, err := a.Store.UpdateUser(ctx, name, coding.UserUpdate{Disabled: &yes})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "disabled %s; its sessions have ended\n", u.Username)
	return nil
}

// userEnable enables an account again.
func (m *Main) userEnable(ctx context.Context, a *datadir.Dir, name string) error {
	no := false
	u, err := a.Store.UpdateUser(ctx, name, coding.UserUpdate{Disabled: &no})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "enabled %s\n", u.Username)
	return nil
}

// userReset sets a new password, ending the account's sessions.
func (m *Main) userReset(ctx context.Context, a *datadir.Dir, name string) error {
	u, err := a.Store.FindUser(ctx, name)
	if err != nil {
		return err
	}
	hash, err := m.newPassword(u.Username)
	if err != nil {
		return err
	}
	if _, err := a.Store.UpdateUser(ctx, u.Username, coding.UserUpdate{PasswordHash: &hash}); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "set a new password for %s; its sessions have ended\n", u.Username)
	return nil
}

// newPassword reads a new password for name, checks it and returns its
// hash. On a terminal it asks twice without echo; otherwise it reads the
// first line of standard input (for scripts: printf '%s\n' "$PW" | ...).
func (m *Main) newPassword(name string) (string, error) {
	var pw string
	if f, ok := m.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		first, err := m.askPassword(f, fmt.Sprintf("Password for %s: ", name))
		if err != nil {
			return "", err
		}
		if err := coding.CheckPassword(first); err != nil {
			return "", err
		}
		again, err := m.askPassword(f, "Repeat the password: ")
		if err != nil {
			return "", err
		}
		if again != first {
			return "", coding.Errorf(coding.EINVALID, "the two passwords differ")
		}
		pw = first
	} else {
		line, err := bufio.NewReader(m.Stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return "", fmt.Errorf("read the password from standard input: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
		if pw == "" {
			return "", coding.Errorf(coding.EINVALID, "no password on standard input: give it as the first line")
		}
	}
	if err := coding.CheckPassword(pw); err != nil {
		return "", err
	}
	return coding.HashPassword(pw, coding.DefaultPasswordParams)
}

// askPassword prompts on stderr and reads a line from the terminal
// without echo.
func (m *Main) askPassword(f *os.File, prompt string) (string, error) {
	fmt.Fprint(m.Stderr, prompt)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(m.Stderr)
	if err != nil {
		return "", fmt.Errorf("read the password: %w", err)
	}
	return string(b), nil
}
