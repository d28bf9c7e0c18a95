import { describe, expect, it } from 'vitest';
import { judgeUpload } from '../../../../main/core/console/upload-kind.js';

describe('judgeUpload', () => {
  it('takes media whose content is what its name says', () => {
    expect(judgeUpload('radio/Bản tin.mp3', 'audio/mpeg', false)).toEqual({ ok: true, kind: 'audio' });
    expect(judgeUpload('clip.mp4', 'video/mp4', false)).toEqual({ ok: true, kind: 'video' });
  });

  it('says what a refused content is in words an operator reads, its type after it for IT staff', () => {
    expect(judgeUpload('giả.mp4', 'application/x-msdownload', false)).toEqual({
      ok: false,
      why: 'the content is a computer program (application/x-msdownload), not video as the name says',
      whyVi: 'nội dung là một chương trình máy tính (application/x-msdownload), không phải video như tên tệp',
    });
    expect(judgeUpload('a.mp3', 'image/png', false)).toMatchObject({ whyVi: 'nội dung là một ảnh (image/png), không phải âm thanh như tên tệp' });
    expect(judgeUpload('a.png', 'application/pdf', false)).toMatchObject({ whyVi: 'nội dung là một tài liệu PDF (application/pdf), không phải ảnh như tên tệp' });
    expect(judgeUpload('a.mp3', 'application/zip', false)).toMatchObject({ why: 'the content is a compressed archive (application/zip), not audio as the name says' });
    expect(judgeUpload('x.mp4', null, true)).toMatchObject({ whyVi: 'nội dung là định dạng không nhận ra, không phải video như tên tệp' });
  });
});
