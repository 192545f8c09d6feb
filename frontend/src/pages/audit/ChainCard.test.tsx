import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, mockFetch } from '../../test/fetchMock';
import { ChainCard, verdict } from './ChainCard';

const HASH = 'ab'.repeat(32);

describe('hash chain card', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });

  it('says what the verification found, checkpoints and rows cut off the end included', () => {
    expect(verdict({ intact: true, rowsChecked: 10, checkpointsChecked: 2, latestCheckpointSeq: 9 })).toBe(
      'Intact: 10 rows checked, every link matches. Checked against 2 signed checkpoints, the newest at row 9.',
    );
    expect(verdict({ intact: true, rowsChecked: 3, checkpointsChecked: 0 })).toContain('No signed checkpoint yet');
    expect(
      verdict({
        intact: false,
        rowsChecked: 8,
        firstBrokenSeq: 9,
        reason: 'rows 9 to 12 are missing: the checkpoint you hold covers the chain up to row 12',
        unverifiableCheckpoints: 1,
      }),
    ).toBe(
      'Broken at row 9: rows 9 to 12 are missing: the checkpoint you hold covers the chain up to row 12. 8 rows checked. 1 signed with a retired master key were not checked.',
    );
  });

  it('lists the checkpoints with the public key, signs one now and checks a held one', async () => {
    let signed = false;
    const calls = mockFetch({
      'GET /api/audit/verify': (call) =>
        call.url.includes('seq=7')
          ? json(200, {
              intact: false,
              rowsChecked: 7,
              firstBrokenSeq: 7,
              firstBrokenEventId: 'e7',
              reason: 'its hash differs from the one the checkpoint you hold records',
            })
          : json(200, { intact: true, rowsChecked: 12, checkpointsChecked: signed ? 1 : 0 }),
      'GET /api/audit/checkpoints': () =>
        json(200, {
          keyId: 'ck-0011',
          publicKey: 'PUBKEY=',
          checkpoints: signed
            ? [{ seq: 12, headHash: HASH, signedAt: '2026-12-07T01:00:00Z', keyId: 'ck-0011', signature: 's' }]
            : [],
        }),
      'POST /api/audit/checkpoints': () => {
        signed = true;
        return json(200, {
          seq: 12,
          headHash: HASH,
          signedAt: '2026-12-07T01:00:00Z',
          keyId: 'ck-0011',
          signature: 's',
        });
      },
    });
    const user = userEvent.setup();
    render(<ChainCard />);
    expect(await screen.findByTestId('checkpoints')).toHaveTextContent('ck-0011');
    expect(screen.getByTestId('checkpoints')).toHaveTextContent('PUBKEY=');
    expect(screen.getByText('No checkpoint yet.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign a checkpoint now' }));
    expect(await screen.findByTestId('checkpoint')).toHaveTextContent(`Row 12, hash ${HASH}`);
    await waitFor(() => expect(screen.getByTestId('chain-status')).toHaveTextContent('1 signed checkpoint,'));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);

    await user.type(screen.getByLabelText('Row (seq)'), '7');
    await user.type(screen.getByLabelText('Hash'), HASH);
    await user.click(screen.getByRole('button', { name: 'Check against it' }));
    expect(await screen.findByTestId('held-status')).toHaveTextContent('Broken at row 7 (event e7)');
    expect(calls.some((c) => c.url === `/api/audit/verify?seq=7&hash=${HASH}`)).toBe(true);
  });
});
