package backup

import (
	"context"
	"time"
)

// Every is how old the newest automatic backup may grow before the next.
const Every = 24 * time.Hour

// Due reports whether an automatic backup is due: none exists yet, or the
// newest start or daily backup is at least Every old. It reads the clock
// of the wall, not the time the program ran, so a laptop asleep over
// night gets its backup when it wakes.
func (k *Keeper) Due() (bool, error) {
	list, err := k.List()
	if err != nil {
		return false, err
	}
	for _, b := range list {
		if b.Kind != KindRestore {
			return k.now().Sub(b.Time) >= Every, nil
		}
	}
	return true, nil
}

// TakeAndRotate takes a backup of kind, then rotates.
func (k *Keeper) TakeAndRotate(kind string, write WriteFunc) (Backup, error) {
	b, err := k.Take(kind, write)
	if err != nil {
		return b, err
	}
	return b, k.Rotate()
}

// Run takes a daily backup whenever Due, looking every check, rotating
// after each, until ctx ends; the start backup is the caller's. It
// reports each backup or failure to report (which may be nil). With Keep
// 0 automatic backups are off and it returns at once.
func (k *Keeper) Run(ctx context.Context, write WriteFunc, check time.Duration, report func(Backup, error)) {
	if k.Keep <= 0 {
		return
	}
	tick := time.NewTicker(check)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		due, err := k.Due()
		if err != nil {
			if report != nil {
				report(Backup{}, err)
			}
			continue
		}
		if due {
			b, err := k.TakeAndRotate(KindDaily, write)
			if report != nil {
				report(b, err)
			}
		}
	}
}
