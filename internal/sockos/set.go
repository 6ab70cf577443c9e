package sockos

// An Event is one ready descriptor reported by Set.Collect: Events holds
// PollIn, PollOut, PollPri, PollErr, PollHup as the platform reported them.
type Event struct {
	Fd     int
	Events int
}
