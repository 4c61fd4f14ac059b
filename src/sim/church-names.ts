/** Names for the practice church. Invented people only: any likeness is a coincidence. */

/** Comma-separated text keeps these long lists readable (prettier would stack them). */
function list(text: string): readonly string[] {
  return text.split(',').map((name) => name.trim())
}

export const WOMEN_FIRST_NAMES = list(`
  Mary, Patricia, Jennifer, Linda, Elizabeth, Barbara, Susan, Jessica, Sarah, Karen, Nancy,
  Lisa, Margaret, Betty, Sandra, Ashley, Dorothy, Kimberly, Emily, Donna, Michelle, Carol,
  Amanda, Melissa, Deborah, Stephanie, Rebecca, Laura, Sharon, Cynthia, Katherine, Amy,
  Angela, Brenda, Emma, Olivia, Ava, Sophia, Isabella, Grace, Hannah, Abigail, Chloe, Lucia,
  Maria, Ana, Guadalupe, Mei, Ngozi, Aaliyah, Priya, Josephine, Ruth, Esther, Naomi, Lydia,
  Martha, Joanna, Victoria, Christina, Zoë, Renée`)

export const MEN_FIRST_NAMES = list(`
  James, Robert, John, Michael, David, William, Richard, Joseph, Thomas, Charles,
  Christopher, Daniel, Matthew, Anthony, Mark, Donald, Steven, Paul, Andrew, Joshua, Kenneth,
  Kevin, Brian, George, Timothy, Ronald, Edward, Jason, Jeffrey, Ryan, Jacob, Gary, Nicholas,
  Eric, Jonathan, Samuel, Benjamin, Nathaniel, Elijah, Isaiah, Gabriel, Luis, Carlos, José,
  Miguel, Wei, Hiroshi, Chinedu, Kwame, Rahul, Peter, Philip, Stephen, Alexander, Patrick,
  Gregory, Frank, Raymond, Lawrence, Dennis`)

export const LAST_NAMES = list(`
  Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez,
  Hernandez, Lopez, Gonzalez, Wilson, Anderson, Thomas, Taylor, Moore, Jackson, Martin, Lee,
  Perez, Thompson, White, Harris, Sanchez, Clark, Ramirez, Lewis, Robinson, Walker, Young,
  Allen, King, Wright, Scott, Torres, Nguyen, Hill, Flores, Green, Adams, Nelson, Baker, Hall,
  Rivera, Campbell, Mitchell, Carter, Roberts, Phillips, Evans, Turner, Parker, Collins,
  Edwards, Stewart, Morris, Murphy, Cook, Rogers, O'Brien, Morgan, Peterson, Cooper, Reed,
  Bailey, Bell, Gomez, Kelly, Howard, Ward, Cox, Diaz, Richardson, Wood, Watson, Brooks,
  Bennett, Gray, James, Reyes, Cruz, Hughes, Price, Myers, Long, Foster, Sanders, Ross,
  Morales, Powell, Sullivan, Russell, Ortiz, Jenkins, Gutierrez, Perry, Butler, Barnes,
  Fisher, Okafor, Kim, Chen, Patel, Tanaka, Mensah, Van der Berg, St. John, Smith-Jones,
  Muñoz, Nowak`)

/** Names people go by; some members of the directory use one. */
export const PREFERRED_NAMES: ReadonlyMap<string, readonly string[]> = new Map(
  list(`
    Patricia: Pat Patty Trish, Jennifer: Jen Jenny, Elizabeth: Liz Beth Betsy,
    Margaret: Maggie Peggy, Katherine: Kate Katie Kathy, Rebecca: Becky, Deborah: Debbie Deb,
    Kimberly: Kim, Stephanie: Steph, Abigail: Abby, Josephine: Josie, Victoria: Vicky Tori,
    Christina: Chris Tina, Guadalupe: Lupe, James: Jim Jimmy Jamie, Robert: Bob Rob Bobby,
    William: Bill Will Billy, Richard: Rick Rich, Joseph: Joe Joey, Thomas: Tom Tommy,
    Charles: Charlie Chuck, Christopher: Chris, Daniel: Dan Danny, Matthew: Matt,
    Anthony: Tony, Michael: Mike, Joshua: Josh, Kenneth: Ken Kenny, Timothy: Tim,
    Edward: Ed Ted Eddie, Nicholas: Nick, Jonathan: Jon, Samuel: Sam, Benjamin: Ben,
    Nathaniel: Nate Nathan, Alexander: Alex, Gregory: Greg, Lawrence: Larry, José: Pepe`).map(
    (entry) => {
      const [name = '', nicknames = ''] = entry.split(':')
      return [name.trim(), nicknames.trim().split(' ')] as const
    }
  )
)

export const AREA_CODES = list('864, 803, 843, 704, 919, 615, 404, 972')

export const LAST_COMMENTS = [
  '',
  'Left a voicemail.',
  'Sent a welcome card.',
  'Will call again next week.',
  'Visited after the Sunday service; asked about small groups.',
  'Asked for prayer for her mother.',
  'Spoke briefly; they would like a visit.',
  'No answer; tried the home phone too.',
  'Interested in the next membership class.',
  'Thanked us for the meal; recovering well.',
  'Moved to the care team for a follow-up.',
  'Prefers email over phone calls.'
] as const

export const STREETS = list(`
  Elm St, Oak Ave, Main St, Church St, Maple Dr, Pine Ridge Rd, Cedar Ln, Hillcrest Dr,
  Park Ave, Magnolia Way, Dogwood Ct, River Rd, Sycamore St, Meadow Ln, Laurel Ave`)

/** Towns of the practice church's area, with a ZIP code for each. */
export const TOWNS: ReadonlyArray<{ City: string; State: string; Zipcode: string }> = [
  { City: 'Greenville', State: 'SC', Zipcode: '29601' },
  { City: 'Easley', State: 'SC', Zipcode: '29640' },
  { City: 'Greer', State: 'SC', Zipcode: '29650' },
  { City: 'Simpsonville', State: 'SC', Zipcode: '29681' },
  { City: 'Travelers Rest', State: 'SC', Zipcode: '29690' }
]
