package agreement

// percent returns 100·agree/total, or nil when total is zero.
func percent(agree, total int) *float64 {
	if total == 0 {
		return nil
	}
	v := 100 * float64(agree) / float64(total)
	return &v
}

// cohenKappa returns Cohen's kappa of the two-coder table
//
//	              coder 2: 1   coder 2: 0
//	coder 1: 1        a            b
//	coder 1: 0        c            d
//
// written in the closed form 2(ad − bc) / ((a+b)(b+d) + (a+c)(c+d)),
// which equals (po − pe)/(1 − pe) with po = (a+d)/N and
// pe = ((a+b)(a+c) + (c+d)(b+d))/N². The denominator is N²(1 − pe), so
// it is zero exactly when pe = 1; kappa is then undefined and nil.
func cohenKappa(a, b, c, d int) *float64 {
	fa, fb, fc, fd := float64(a), float64(b), float64(c), float64(d)
	den := (fa+fb)*(fb+fd) + (fa+fc)*(fc+fd)
	if den == 0 {
		return nil
	}
	v := 2 * (fa*fd - fb*fc) / den
	return &v
}

// krippendorffAlpha returns Krippendorff's alpha for nominal data when
// every unit is rated 0 or 1 by all m coders, given byCount[j] = the
// number of units that exactly j coders rated 1 (j = 0..m).
//
// A unit with j ones adds j(m−j)/(m−1) to each off-diagonal cell of the
// coincidence matrix, so with n = mN pairable values, n1 ones, n0 zeros
// and D = Σ j(m−j)·byCount[j]:
//
//	Do = 2D / ((m−1)·n),  De = 2·n0·n1 / (n(n−1)),
//	alpha = 1 − Do/De = 1 − (n−1)·D / ((m−1)·n0·n1).
//
// Alpha is undefined (nil) when all values are equal (n0·n1 = 0).
func krippendorffAlpha(byCount []int) *float64 {
	m := len(byCount) - 1
	if m < 2 {
		return nil
	}
	var n, n1, dis float64
	for j, u := range byCount {
		fu := float64(u)
		n += float64(m) * fu
		n1 += float64(j) * fu
		dis += float64(j*(m-j)) * fu
	}
	n0 := n - n1
	if n0 == 0 || n1 == 0 {
		return nil
	}
	v := 1 - (n-1)*dis/(float64(m-1)*n0*n1)
	return &v
}
