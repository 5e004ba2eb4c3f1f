export default function Home() {
  return (
    <main>
      <h1>Latchkey</h1>
      <p>Credentials of your organization&apos;s people and devices.</p>
      <a href="/sign-in">Sign in</a>
    </main>
  );
}
