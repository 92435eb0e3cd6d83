import { describe, expect, it } from 'vitest'
import { passwordProblem } from '@pregon/cms/auth/passwordPolicy'

const owner = { email: 'lucia.mendez@pregon.test', name: 'Lucía Méndez' }
const codeOf = (password: string) => passwordProblem(password, owner)?.code ?? null

describe('the password policy', () => {
  it('refuses passwords shorter than 12 characters, counting characters as people do', () => {
    expect(codeOf('abc')).toBe('PASSWORD_TOO_SHORT')
    expect(codeOf('12345678')).toBe('PASSWORD_TOO_SHORT')
    expect(codeOf('ñandú-azul9')).toBe('PASSWORD_TOO_SHORT')
    expect(passwordProblem('abc')?.message).toContain('al menos 12 caracteres')
  })

  it('refuses passwords longer than 256 characters', () => {
    expect(codeOf('río bravo '.repeat(26))).toBe('PASSWORD_TOO_LONG')
  })

  it('refuses common passwords and easy patterns, however long', () => {
    for (const password of ['123456789012', 'qwertyuiopas', 'password1234', 'Password1234!', 'aaaaaaaaaaaa', '1q2w3e4r5t6y', 'administrator']) {
      expect(codeOf(password), password).toBe('PASSWORD_TOO_COMMON')
    }
  })

  it("refuses the person's own email or name, or a password built on them", () => {
    for (const password of ['lucia.mendez@pregon.test', 'Lucía Méndez', 'LUCIA_MENDEZ', 'luciamendez2026']) {
      expect(codeOf(password), password).toBe('PASSWORD_PERSONAL')
    }
    expect(passwordProblem('Lucía Méndez', owner)?.message).toContain('tu correo ni tu nombre')
  })

  it('accepts long passphrases without asking for capitals, digits or symbols', () => {
    for (const password of ['mi perro se llama firulais', 'contraseña-de-prueba', 'tortillas de maiz con frijol', 'sol de tarde en el zócalo']) {
      expect(codeOf(password), password).toBeNull()
    }
  })
})
