#!/bin/sh
# jiuzhu user add|list|role|passwd|disable end to end (issue 10): the
# account that creates the store is its administrator; only administrators
# manage staff; each change is audited; an unknown login has no role; shared
# mode logs in with a password from --password-fd, slowing failed attempts.
. tests/cli/lib.sh

DB=$TMP/u.db
J="$JZ -c $CFG --db $DB"
village=$(sed -n 's/^villages *= *//p' $CFG | awk -F', *' '{ print $2 }')

run $J init; expect_status 0 "init creates the store"
run $J user list; expect_status 0 "the creator lists the staff"
expect_out "测试员" "and is on the list"
expect_out "系统管理员/经办人/分管领导" "as administrator, clerk and leader"

run $J user add liwen --name 李文 --role leader; expect_status 0 "user add"
expect_out "已添加工作人员 liwen" "says so"
run $J user add wangcun --name 王村 --role village --village "$village"; expect_status 0 "village staff with a village"
run $J user add zhaoxian --name 赵县 --role supervisor; expect_status 0 "a county supervisor"
run $J user add nobody2 --name 无村 --role village; expect_status 1 "village staff without a village are refused"
expect_err "必须指定所在村" "saying what is missing"
run $J user add liwen --name 李文二 --role clerk; expect_status 1 "a login already taken is refused"
expect_err "已经属于 李文" "naming its holder"
run $J user add x --name X --role boss; expect_status 1 "an unknown role is refused"
expect_err "boss" "and named"
run $J user add; expect_status 2 "user add without a login is a usage error"

run $J user list
expect_out "liwen" "the list shows the new login"
expect_out "$village" "and the village of village staff"
expect_eq "$(sql $DB "SELECT role FROM staff WHERE login = 'wangcun'")" "village" "the role is stored by code"

run $J user role liwen clerk,leader; expect_status 0 "user role"
expect_eq "$(sql $DB "SELECT role FROM staff WHERE login = 'liwen'")" "clerk,leader" "the roles changed"
run $J user role 测试员 clerk; expect_status 1 "the only administrator keeps the role"
expect_err "唯一的系统管理员" "saying why"

# Somebody else may not manage staff; an unknown login has no role at all.
JIUZHU_USER=liwen run $J user add y --name Y --role clerk; expect_status 1 "a leader may not add staff"
expect_err "不能管理工作人员" "saying so"
JIUZHU_USER=outsider run $J user list; expect_status 1 "an unknown login may not list staff"
JIUZHU_USER=zhaoxian run $J import households tests/data/households-utf8.csv; expect_status 1 "a supervisor may not import"
expect_eq "$(sql $DB 'SELECT count(*) FROM households')" "0" "and nothing was imported"

# A supervisor exports (and changes nothing); village staff may not export the township.
JIUZHU_USER=zhaoxian run $J export cases -o $TMP/sup.xlsx; expect_status 0 "a supervisor exports"
JIUZHU_USER=wangcun run $J export cases -o $TMP/vil.xlsx; expect_status 1 "village staff may not export the township's register"
[ ! -e $TMP/vil.xlsx ] && ok "and no file is written" || not_ok "and no file is written"

run $J user disable liwen; expect_status 0 "user disable"
expect_eq "$(sql $DB "SELECT active FROM staff WHERE login = 'liwen'")" "0" "the login is inactive"
run $J user disable liwen; expect_status 1 "disabling twice says so"

# Passwords: never an argument; from a file descriptor for scripts.
echo "wang-pass-1" > $TMP/pw
run $J user passwd wangcun --new-password-fd 3 3<$TMP/pw; expect_status 0 "user passwd sets a password"
hash=$(sql $DB "SELECT password_hash FROM staff WHERE login = 'wangcun'")
case "$hash" in '$argon2id$'*) ok "it is kept as an argon2id hash";; *) not_ok "it is kept as an argon2id hash" "got: $hash";; esac
expect_eq "$(sql $DB "SELECT count(*) FROM audit_log WHERE instr(coalesce(after, ''), 'wang-pass-1') > 0")" "0" "the password itself is nowhere in the store"
echo "short" > $TMP/short
run $J user passwd wangcun --new-password-fd 3 3<$TMP/short; expect_status 1 "a short password is refused"

# Every change is in the audit log, under the administrator's login.
expect_eq "$(sql $DB "SELECT count(*) FROM audit_log WHERE tbl = 'staff' AND who = '测试员'")" "7" "each staff change is audited"

# Shared mode: a password decides who acts, not $JIUZHU_USER.
SH=$TMP/shared.ini
sed -e 's/^mode *= *local/mode = shared/' -e "s|^forms *= *forms|forms = $PWD/forms|" \
	-e "s|^reports *= *reports|reports = $PWD/reports|" $CFG > $SH
S="$JZ -c $SH --db $TMP/s.db"
echo "boss-pass-1" > $TMP/boss
run $S --user boss --password-fd 3 init 3<$TMP/boss; expect_status 0 "the first run sets the administrator's password"
expect_err "首次使用" "saying it is the first run"
run $S --user boss --password-fd 3 user add clerk9 --name 九 --role clerk 3<$TMP/boss; expect_status 0 "the administrator logs in with it"
run $S --user boss --password-fd 3 user passwd clerk9 --new-password-fd 4 3<$TMP/boss 4<$TMP/pw; expect_status 0 "and sets a clerk's"
JIUZHU_USER=boss run $S --user clerk9 --password-fd 3 user list 3<$TMP/pw; expect_status 1 "\$JIUZHU_USER gives nothing: the clerk is a clerk"
expect_err "不能管理工作人员" "so the clerk may not list staff"
echo "wrong-pass" > $TMP/wrong
run $S --user boss --password-fd 3 check 3<$TMP/wrong; expect_status 1 "a wrong password is refused"
expect_err "登录名或密码不正确" "without saying which"
run $S --user boss --password-fd 3 check 3<$TMP/boss; expect_status 1 "the right one at once must wait"
expect_err "秒后再试" "saying how long"
expect_eq "$(sql $TMP/s.db "SELECT failures FROM login_attempts WHERE login = 'boss'")" "1" "the failure is recorded in the store"
run $S --user nosuch --password-fd 3 check 3<$TMP/wrong; expect_status 1 "an unknown login is refused the same way"
expect_err "登录名或密码不正确" "with the same words"
run $S --user boss check </dev/null; expect_status 1 "without a terminal or --password-fd it says how"
expect_err "--password-fd" "naming the option"

echo "1..$n"
