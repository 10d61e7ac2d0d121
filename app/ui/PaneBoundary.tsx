import { Component, type ReactNode } from 'react';

/** An error in one pane shows a message in that pane; the rest of the page keeps working. */
export class PaneBoundary extends Component<{ name: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.error(`[${this.props.name}]`, error);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="pane-error" role="alert" data-testid={`pane-error-${this.props.name.toLowerCase()}`}>
        <strong>The {this.props.name.toLowerCase()} failed to render.</strong>
        <pre>{this.state.error.message}</pre>
        <button className="btn" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
