# attack: what the forgeries cost the CH (CPU time over the 3 s flood), per
# scheme, against the on-path attacker's rate, with and without a budget of
# authenticity checks (CheckRate). Data: points.csv (results/attack/summarize.py).
if (!exists("dir")) dir = "results/attack"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
# A column of the on-path forgery rows of one scheme and budget (NaN elsewhere).
on(s, b, c) = (strcol("scheme") eq s && strcol("attacker") eq "on-path forge" && column("check_rate_per_s") == b) ? column(c) : NaN
set title "On-path forgeries for 3 s: the CH's CPU time spent checking them"
set xlabel "Forged updates per second"
set ylabel "CH CPU time (s)"
set logscale xy
set key top left
set yrange [1e-4:20]
@PNG; set output dir."/cost.png"
plot f using (on("mobisocket-inband", 0, "rate_per_s")):"ch_cpu_s" with linespoints ls 3 title "MobiSocket in band (Ed25519)", \
     f using (on("mobisocket-direct", 0, "rate_per_s")):"ch_cpu_s" with linespoints ls 1 title "MobiSocket, SIP INFO (Ed25519)", \
     f using (on("tcp-r", 0, "rate_per_s")):"ch_cpu_s" with linespoints ls 4 title "TCP-R (HMAC)", \
     f using (on("redirect", 0, "rate_per_s")):"ch_cpu_s" with linespoints ls 5 title "Redirect daemon (HMAC)", \
     f using (on("migrate", 0, "rate_per_s")):"ch_cpu_s" with linespoints ls 8 title "TCP Migrate (HMAC)", \
     f using (on("mobisocket-inband", 50, "rate_per_s")):"ch_cpu_s" with linespoints ls 3 dt 2 title "MobiSocket, CheckRate 50/s", \
     f using (on("tcp-r", 50, "rate_per_s")):"ch_cpu_s" with linespoints ls 4 dt 2 title "TCP-R, CheckRate 50/s", \
     3 * 0.8126e-3 * x with lines ls 7 title "3 s x 0.8126 ms per verification"
@SVG; set output dir."/cost.svg"
replot
