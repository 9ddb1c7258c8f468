// A real IMAP server for tests: Debian's dovecot, started from a config written into a temp dir, on a free port.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow, type SearchObject } from 'imapflow';

/** Debian's path; TEST_DOVECOT points elsewhere (or at nothing, to see the tests skip). */
export const DOVECOT = process.env.TEST_DOVECOT ?? '/usr/sbin/dovecot';

/** False on a machine without dovecot: the IMAP tests then skip, loudly (see warnIfDovecotMissing). */
export const dovecotAvailable = existsSync(DOVECOT);

export function warnIfDovecotMissing(): void {
  if (dovecotAvailable) return;
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!!! IMAP TESTS SKIPPED: ${DOVECOT} (dovecot) is missing.`,
      '!!! Polling a mailbox over IMAP was NOT tested in this run. Install it with',
      '!!! apt-get install dovecot-imapd   (.ci/run does this on a fresh machine)',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

export interface ImapServer {
  host: string;
  port: number;
  /** Implicit-TLS port (self-signed certificate) when started with `tls: true`; STARTTLS is then offered on `port`. */
  tlsPort: number | null;
  user: string;
  password: string;
  /** APPENDs a message (unseen) to a mailbox, creating the mailbox when missing. */
  deliver(raw: string | Buffer, mailbox?: string): Promise<void>;
  /** Messages in a mailbox: all, or those with a flag ('\\Seen', '\\Flagged', a keyword); '!\\Seen' counts those without. 0 if the mailbox does not exist. */
  count(mailbox?: string, flag?: string): Promise<number>;
  /** Mailbox names, as LIST gives them. */
  mailboxes(): Promise<string[]>;
  /** dovecot's own log, to print when a test fails. */
  log(): Promise<string>;
  stop(): Promise<void>;
}

export interface ImapServerOptions {
  /** false: do not advertise IDLE, to test the interval polling that servers without it get. */
  idle?: boolean;
  /** Listen on this port (to bring a server back where a client expects it); a free one by default. */
  port?: number;
  /** Offer TLS with a fresh self-signed certificate: STARTTLS on `port`, implicit TLS on `tlsPort`. */
  tls?: boolean;
}

const USER = 'agent@example.test';
const PASSWORD = 'correct horse battery staple';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server sends its greeting. */
function greeted(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
  });
}

function idOf(flag: string): { name: string; id: number } {
  const name = execFileSync('id', [flag === 'u' ? '-un' : '-gn'], { encoding: 'utf8' }).trim();
  const id = Number(execFileSync('id', [`-${flag}`], { encoding: 'utf8' }).trim());
  return { name, id };
}

/** uid and gid of a system account, from /etc/passwd. */
async function systemAccount(name: string): Promise<{ uid: number; gid: number } | null> {
  const line = (await readFile('/etc/passwd', 'utf8')).split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Who runs what. As root, dovecot's master stays root and drops to the accounts its Debian package
 * made: `dovecot` for auth and the mail, `dovenull` for the login processes (chrooted). As anyone
 * else, every process runs as the current user and nothing is chrooted.
 */
async function identities(dir: string) {
  const user = idOf('u');
  const group = idOf('g');
  if (user.id !== 0) {
    return {
      settings: [
        `default_internal_user = ${user.name}`,
        `default_internal_group = ${group.name}`,
        `default_login_user = ${user.name}`,
      ],
      loginChroot: 'chroot =',
      mailUid: user.id,
      mailGid: group.id,
    };
  }
  const dovecot = await systemAccount('dovecot');
  if (!dovecot || !(await systemAccount('dovenull'))) {
    throw new Error(
      'dovecot runs as root but the users dovecot and dovenull are missing: apt-get install dovecot-core',
    );
  }
  // The mail processes run as `dovecot`: they must reach into the temp dir and own the mail folder.
  await chmod(dir, 0o755);
  return {
    settings: ['default_internal_user = dovecot', 'default_internal_group = dovecot', 'default_login_user = dovenull'],
    loginChroot: '',
    mailUid: dovecot.uid,
    mailGid: dovecot.gid,
  };
}

export async function startImapServer(options: ImapServerOptions = {}): Promise<ImapServer> {
  if (!dovecotAvailable) throw new Error(`${DOVECOT} is missing: apt-get install dovecot-imapd`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sahayak-imap-'));
  const mailRoot = path.join(dir, 'mail');
  await mkdir(path.join(dir, 'run'));
  await mkdir(path.join(dir, 'state'));
  await mkdir(mailRoot);
  const who = await identities(dir);
  await chown(mailRoot, who.mailUid, who.mailGid);
  await writeFile(path.join(dir, 'passwd'), `${USER}:{PLAIN}${PASSWORD}\n`, { mode: 0o644 });
  const port = options.port ?? (await freePort());
  const tlsPort = options.tls ? await freePort() : null;
  const logPath = path.join(dir, 'dovecot.log');
  if (options.tls) {
    const args = '-x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost'.split(' ');
    const files = ['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')];
    execFileSync('openssl', ['req', ...args, ...files], { stdio: 'ignore' });
  }

  const config = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${logPath}`,
    'protocols = imap',
    'listen = 127.0.0.1',
    ...(options.tls ? [`ssl = yes`, `ssl_cert = <${dir}/cert.pem`, `ssl_key = <${dir}/key.pem`] : ['ssl = no']),
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    // Failed logins are answered at once, so the wrong-password test does not wait out dovecot's delay.
    'auth_failure_delay = 0',
    ...who.settings,
    'first_valid_uid = 1',
    'mail_location = maildir:~/Maildir',
    // A / separator keeps folder names the same as the poller's config writes them.
    'namespace inbox {',
    '  inbox = yes',
    '  separator = /',
    '}',
    ...(options.idle === false
      ? ['imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS MOVE NAMESPACE']
      : []),
    'passdb {',
    '  driver = passwd-file',
    `  args = scheme=PLAIN username_format=%u ${dir}/passwd`,
    '}',
    'userdb {',
    '  driver = static',
    `  args = uid=${who.mailUid} gid=${who.mailGid} home=${mailRoot}/%u`,
    '}',
    'service imap-login {',
    ...(who.loginChroot ? [`  ${who.loginChroot}`] : []),
    '  inet_listener imap {',
    '    address = 127.0.0.1',
    `    port = ${port}`,
    '  }',
    '  inet_listener imaps {',
    ...(tlsPort ? ['    address = 127.0.0.1'] : []),
    `    port = ${tlsPort ?? 0}`,
    '  }',
    '}',
    // No penalty socket: anvil would otherwise delay every login from 127.0.0.1 by up to 15 s after a failed one.
    'service anvil {',
    ...(who.loginChroot ? ['  chroot ='] : []),
    '  unix_listener anvil-auth-penalty {',
    '    mode = 0',
    '  }',
    '}',
    '',
  ].join('\n');
  const configPath = path.join(dir, 'dovecot.conf');
  await writeFile(configPath, config);

  let output = '';
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  // A test run that dies without stop() must not leave dovecot behind, holding its port.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
    process.off('exit', orphanGuard);
  });

  const log = async () => {
    const file = await readFile(logPath, 'utf8').catch(() => '');
    return `${output}${file}`;
  };

  const stop = async () => {
    if (running) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  while (!(await greeted(port))) {
    if (!running || Date.now() > deadline) {
      const why = await log();
      await stop();
      throw new Error(`dovecot did not start on 127.0.0.1:${port}:\n${why}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  /** A short-lived client of our own, so the helpers never share a session with the code under test. */
  async function session<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: USER, pass: PASSWORD },
      logger: false,
      disableAutoIdle: true,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  function query(flag: string): SearchObject {
    const negate = flag.startsWith('!');
    const name = negate ? flag.slice(1) : flag;
    const system: Record<string, keyof SearchObject> = {
      '\\Seen': 'seen',
      '\\Answered': 'answered',
      '\\Flagged': 'flagged',
      '\\Deleted': 'deleted',
      '\\Draft': 'draft',
    };
    const key = system[name];
    if (key) return { [key]: !negate };
    return negate ? { unKeyword: name } : { keyword: name };
  }

  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    user: USER,
    password: PASSWORD,
    async deliver(raw, mailbox = 'INBOX') {
      await session(async (client) => {
        if (mailbox !== 'INBOX') await client.mailboxCreate(mailbox);
        const appended = await client.append(mailbox, typeof raw === 'string' ? Buffer.from(raw) : raw, []);
        if (!appended) throw new Error(`APPEND to ${mailbox} failed`);
      });
    },
    async count(mailbox = 'INBOX', flag) {
      return session(async (client) => {
        try {
          await client.mailboxOpen(mailbox, { readOnly: true });
        } catch (err) {
          if ((err as { mailboxMissing?: boolean }).mailboxMissing) return 0;
          throw err;
        }
        if (!flag) return client.mailbox ? client.mailbox.exists : 0;
        const found = await client.search(query(flag), { uid: true });
        return found ? found.length : 0;
      });
    },
    async mailboxes() {
      return session(async (client) => (await client.list()).map((m) => m.path).sort());
    },
    log,
    stop,
  };
}
